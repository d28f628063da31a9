import { z } from 'zod';

/** The port the LAN listener uses when the settings name none. */
export const DEFAULT_MONITORING_LISTEN = '0.0.0.0:8490';

/** A HOST:PORT text as host and port, or null when it is not one ("[::]:8490" for IPv6). */
export function parseHostPort(text: string): { host: string; port: number } | null {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) return null;
  return { host: match[1] ?? match[2] ?? '', port };
}

/**
 * "Allow supervisor monitoring": the API also listens on the network (in addition to the
 * loopback one), where only the admin and monitor tokens are accepted; HTTPS when a certificate
 * and key are given.
 */
export const monitoringSchema = z
  .strictObject({
    enabled: z.boolean().default(false).meta({
      description:
        'Listen on the network so that supervisors and Prometheus can read status and metrics with the monitor token.',
    }),
    listen: z
      .string()
      .default(DEFAULT_MONITORING_LISTEN)
      .refine((text) => parseHostPort(text) !== null, {
        error: 'must be HOST:PORT, such as 0.0.0.0:8490 (every network) or 192.168.1.20:8490',
      })
      .meta({ description: 'Where to listen on the network.', examples: ['0.0.0.0:8490'] }),
    tlsCertificate: z.string().min(1).optional().meta({
      description: 'HTTPS: the PEM certificate file (with its chain). Give tlsKey too.',
    }),
    tlsKey: z.string().min(1).optional().meta({
      description:
        "HTTPS: the certificate's PEM private key file, without a passphrase, readable by Call Courier's user only.",
    }),
  })
  .superRefine((value, ctx) => {
    if ((value.tlsCertificate === undefined) === (value.tlsKey === undefined)) return;
    const missing = value.tlsCertificate === undefined ? 'tlsCertificate' : 'tlsKey';
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message:
        'HTTPS needs both tlsCertificate and tlsKey: give the other one too, or leave both out for plain HTTP',
    });
  })
  .meta({
    description:
      'Supervisor monitoring over the local network (read-only with the monitor token); HTTPS recommended.',
  });

export type MonitoringSettings = z.output<typeof monitoringSchema>;
