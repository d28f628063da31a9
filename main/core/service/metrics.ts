import type { StatusAnswer } from '../../../preload/api.ts';

/** The status in Prometheus text exposition format, for GET /metrics. */
export function prometheusText(status: StatusAnswer, uploadedBytesTotal: number): string {
  const lines = [
    '# HELP call_courier_recordings Recordings per destination state, over all destinations.',
    '# TYPE call_courier_recordings gauge',
    ...Object.entries(status.counts).map(
      ([state, n]) => `call_courier_recordings{status="${state}"} ${n}`,
    ),
    '# HELP call_courier_upload_bytes_per_second Current upload rate.',
    '# TYPE call_courier_upload_bytes_per_second gauge',
    `call_courier_upload_bytes_per_second ${status.bytesPerSecond}`,
    '# HELP call_courier_uploaded_bytes_total Bytes of recordings confirmed by platforms since start.',
    '# TYPE call_courier_uploaded_bytes_total counter',
    `call_courier_uploaded_bytes_total ${uploadedBytesTotal}`,
    '# HELP call_courier_destination_up 1 when a destination is accepting uploads.',
    '# TYPE call_courier_destination_up gauge',
    ...status.profiles.map(
      (p) => `call_courier_destination_up{destination="${p.id}"} ${p.state === 'active' ? 1 : 0}`,
    ),
    '# HELP call_courier_paused 1 when a person paused delivery.',
    '# TYPE call_courier_paused gauge',
    `call_courier_paused ${status.state === 'paused' ? 1 : 0}`,
  ];
  return `${lines.join('\n')}\n`;
}
