import { formatDateTime } from './format';

type DateTimeProps = { value: string; withSeconds?: boolean };

/** A moment shown in UK time, whatever the device's own time zone. */
export function DateTime({ value, withSeconds = false }: DateTimeProps) {
  return <time dateTime={value}>{formatDateTime(value, withSeconds)}</time>;
}
