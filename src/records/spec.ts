// A record as the store keeps it (RecordSpec): built from client input with every field validated, and the
// rules DNS imposes between records at one owner (RFC 1034 s3.6.2, RFC 2181 s10.1). Shared by API and import.
import { AppError, badRequest, conflict } from "../errors.ts";
import { GLOBAL, normalizeCodes, variantKey } from "../geo/codes.ts";
import { resolveOwner } from "../zone/names.ts";
import { isRecordType, parseValue, RECORD_TYPES, type RecordType } from "../zone/rdata.ts";

export const MAX_TTL = 2147483647; // RFC 2181 s8
export const DEFAULT_TTL = 3600;

export type RecordSpec = {
  name: string;
  type: RecordType;
  ttl: number;
  countryCodes: string[];
  priority: number;
  value: string;
};

export type RecordInput = {
  name: string;
  type: string;
  value: string;
  ttl?: number | undefined;
  priority?: number | undefined;
  country_codes?: string[] | undefined;
};

export function buildSpec(input: RecordInput, apex: string): RecordSpec {
  const type = input.type.trim().toUpperCase();
  if (!isRecordType(type)) throw badRequest(`unsupported record type "${input.type}"; supported: ${RECORD_TYPES.join(", ")}`);
  const owner = resolveOwner(input.name, apex);
  if (!owner.ok) throw badRequest(owner.error, owner.error.includes("does not belong") ? "INVALID_FQDN" : "INVALID_PARAMETER");
  const ttl = input.ttl ?? DEFAULT_TTL;
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL) throw badRequest(`ttl must be an integer from 0 to ${MAX_TTL}`);
  if (input.priority !== undefined && (!Number.isInteger(input.priority) || input.priority < 0 || input.priority > 65535))
    throw badRequest("priority must be an integer from 0 to 65535");
  const value = parseValue(type, input.value, input.priority);
  if (!value.ok) throw badRequest(value.error);
  const codes = normalizeCodes(input.country_codes);
  if (!codes.ok) throw badRequest(codes.error);
  if (type === "NS" && codes.codes[0] !== GLOBAL) throw badRequest("NS records cannot be location-targeted: a delegation is the same for every querier");
  return { name: owner.name, type, ttl, countryCodes: codes.codes, priority: value.priority, value: value.value };
}

/**
 * The conflict a new record would cause among `existing` records at the same owner, or null.
 * CNAME exclusivity is counted per location variant: a CNAME for one set of locations may stand beside other
 * data for a different set, since a querier is only ever served one variant.
 */
export function findConflict(spec: RecordSpec, existing: readonly RecordSpec[], apex: string): AppError | null {
  if (spec.name === apex && spec.type === "CNAME") return conflict("a CNAME cannot be at the zone apex (RFC 1912 s2.4)", "CNAME_AT_APEX");
  if (spec.name === apex && spec.type === "NS") return conflict("NS records at the apex are served by the server itself", "APEX_NS_MANAGED");
  const key = variantKey(spec.countryCodes);
  for (const other of existing) {
    if (variantKey(other.countryCodes) !== key) continue;
    if (other.type === spec.type && other.value === spec.value && other.priority === spec.priority)
      return conflict(`the record ${spec.name} ${spec.type} ${spec.value} already exists`, "DNS_RECORD_ALREADY_EXIST");
    if (spec.type === "CNAME" || other.type === "CNAME")
      return conflict(`${spec.name} cannot have a CNAME and other data for the same locations (RFC 1034 s3.6.2)`, "CNAME_CONFLICT");
  }
  return null;
}
