// Whether the database answers, for /healthz (503 when not): the one check that is no service verb.
export { pingDatabase } from '@leerplein/db'
