// Stands in for the `form-data` package in the deployment bundle: axios
// needs a FormData class only for multipart bodies, which the gate never
// sends, and Node's own serves. The package would bring a 137 KB MIME table.
export default globalThis.FormData;
