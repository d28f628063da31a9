/** The id of the list of time zone names that time zone fields suggest from. */
export const TIME_ZONE_LIST_ID = 'settings-time-zones';

/** Every IANA time zone name this browser knows, or a few when it cannot list them. */
function timeZoneNames(): readonly string[] {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone')];
  } catch {
    return ['UTC', 'Europe/London', 'Europe/Kyiv', 'America/New_York'];
  }
}

/** The suggestions of time zone fields (render once per view). */
export function TimeZoneList() {
  return (
    <datalist id={TIME_ZONE_LIST_ID}>
      {timeZoneNames().map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
