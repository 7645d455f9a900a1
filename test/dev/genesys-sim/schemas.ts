import Ajv from 'ajv';
import openapi from '../../fixtures/genesys-openapi.json';

export type Definition =
  | 'User'
  | 'UserEntityListing'
  | 'RoutingStatus'
  | 'UserPresence'
  | 'UcUserPresence'
  | 'ErrorBody';

const ajv = new Ajv({ allErrors: true });

ajv.addFormat('int32', {
  type: 'number',
  validate: (value) => Number.isInteger(value) && Math.abs(value) < 2 ** 31,
});
ajv.addFormat('int64', {
  type: 'number',
  validate: (value) => Number.isSafeInteger(value),
});
ajv.addFormat('date-time', {
  type: 'string',
  validate: (value) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value) &&
    !Number.isNaN(Date.parse(value)),
});
// Genesys Cloud gives relative URIs ("/api/v2/users/…") in *Uri fields.
ajv.addFormat('uri', {
  type: 'string',
  validate: (value) => /^(\/|[a-z][a-z\d+.-]*:)\S*$/i.test(value),
});
ajv.addSchema(openapi, 'genesys');

/** Where `value` breaks the definition; empty when it conforms. */
export function schemaErrors(definition: Definition, value: unknown) {
  const validate = ajv.getSchema(`genesys#/definitions/${definition}`);
  if (!validate) throw new Error(`no schema for ${definition}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '(root)'} ${error.message}`,
  );
}

/** schemaErrors for each item of an array answer. */
export function schemaErrorsOfEach(
  definition: Definition,
  values: unknown[],
): string[] {
  return values.flatMap((value) => schemaErrors(definition, value));
}
