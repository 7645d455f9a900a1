/**
 * Stands in for the `form-data` package in the deployment bundle. axios
 * builds one only for a multipart body, which the gate never sends.
 */
export default class FormData {
  constructor() {
    throw new Error('the gate sends no multipart bodies');
  }
}
