// The AWS SDK warns on Node 20 that later versions will need Node 22; the
// local stack runs on either, so the warning is noise here. The gate's
// metrics are CloudWatch EMF lines, only of use in Lambda.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
