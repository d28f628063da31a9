/** An SSH string (RFC 4251): its length as four bytes, then its bytes; text is UTF-8. */
export function sshString(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const field = Buffer.allocUnsafe(4 + bytes.length);
  field.writeUInt32BE(bytes.length, 0);
  bytes.copy(field, 4);
  return field;
}
