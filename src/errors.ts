// The management error family: every failure a client can cause carries an HTTP status and a machine code.
// Thrown by services and repositories, mapped to `{"error", "code"}` in one place (api/app.ts).

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = "INVALID_PARAMETER") => new AppError(400, code, message);
export const notFound = (message: string) => new AppError(404, "NOT_FOUND", message);
export const conflict = (message: string, code = "CONFLICT") => new AppError(409, code, message);
