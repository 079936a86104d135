import type { ErrorObject } from './ajv-pool.js';
import type { SchemaValidationError } from './types.js';

/**
 * Ajv's errors in the registry's shape: an unexpected property points at itself (with `property` set
 * so that its key can be located), a missing one at its parent object. Duplicates, which `oneOf`
 * branches produce in numbers, are dropped.
 */
export function toValidationErrors(errors: readonly ErrorObject[]): SchemaValidationError[] {
  const seen = new Set<string>();
  const result: SchemaValidationError[] = [];
  for (const error of errors) {
    const converted = convert(error);
    const id = `${converted.pointer}\u0000${converted.keyword}\u0000${converted.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(converted);
  }
  return result;
}

function convert(error: ErrorObject): SchemaValidationError {
  const params = error.params as Record<string, unknown>;
  const keyword = error.keyword;
  if (keyword === 'additionalProperties' || keyword === 'unevaluatedProperties') {
    const property = String(params.additionalProperty ?? params.unevaluatedProperty);
    return {
      pointer: `${error.instancePath}/${escapePointer(property)}`,
      message: `must NOT have additional property ${JSON.stringify(property)}`,
      keyword,
      property,
    };
  }
  let message = error.message ?? `must pass "${keyword}"`;
  if (keyword === 'enum' && Array.isArray(params.allowedValues)) {
    const values = params.allowedValues.slice(0, 10).map((value) => JSON.stringify(value));
    message = `must be one of ${values.join(', ')}${params.allowedValues.length > 10 ? ', ...' : ''}`;
  } else if (keyword === 'const') {
    message = `must be ${JSON.stringify(params.allowedValue)}`;
  } else if (keyword === 'required') {
    message = `must have required property ${JSON.stringify(params.missingProperty)}`;
  }
  return { pointer: error.instancePath, message, keyword };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
