const londonDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** The calendar date in England at an instant, `YYYY-MM-DD`. */
export function londonDate(at: Date = new Date()): string {
  return londonDateFormat.format(at);
}
