// The AWS SDK warns on Node 20 that later versions will need Node 22;
// noise here. Imported first, so it is set before the gate's modules load.
// The gate's logs and metrics stay on, as shipped; the bench mutes them.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
