// The esbuild plugins of the deployment bundle, for serverless-esbuild
// (serverless.yml names this file) and for the benchmark's builds.
const { readFile } = require('node:fs/promises');
const { join } = require('node:path');

const standIns = join(__dirname, '..', 'src', 'net', 'bundle');

/** What axios's utils read from the global object as they load. */
const formDataProbe =
  "typeof G.FormData !== 'undefined' ? G.FormData : undefined";

/**
 * axios as the gate uses it: its http adapter, never a multipart body.
 * As it loads, axios probes `FormData`, `fetch` and `Request`, and the
 * first touch of any of them makes Node load its fetch implementation
 * (undici), a fifth of the handler's cold start. Here nothing touches
 * them: the fetch adapter is left out, the FormData probe finds none
 * (axios then tells a FormData by its tag), and a stand-in that refuses
 * to be built replaces the form-data package and its MIME table.
 *
 * @type {import('esbuild').Plugin}
 */
const httpOnlyAxios = {
  name: 'http-only-axios',
  setup(build) {
    build.onResolve({ filter: /^form-data$/ }, () => ({
      path: join(standIns, 'form-data.ts'),
    }));

    build.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
      /[\\/]axios[\\/]lib[\\/]adapters$/.test(args.resolveDir)
        ? { path: join(standIns, 'axios-fetch-adapter.ts') }
        : undefined,
    );

    build.onLoad(
      { filter: /[\\/]axios[\\/]lib[\\/]utils\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(formDataProbe)) {
          throw new Error(
            `${args.path} no longer holds axios's FormData probe; update ` +
              'bundling/esbuild-plugins.cjs for this axios version',
          );
        }
        return { contents: source.replace(formDataProbe, 'undefined') };
      },
    );
  },
};

module.exports = [httpOnlyAxios];
