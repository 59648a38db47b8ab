// What the HTTP layer is given by the composition root: repositories and readiness. Nothing else.
import type { ClientRepo } from "../store/clients.ts";
import type { DomainRepo } from "../store/domains.ts";
import type { RecordRepo } from "../store/records.ts";

export type ApiDeps = {
  clients: ClientRepo;
  domains: DomainRepo;
  records: RecordRepo;
  adminTokenHash: string;
  maxBodyBytes: number;
  isReady(): boolean;
};
