const MACAU_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Macau', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD in Macau for an instant (ID expiry is judged on the day the form was taken in). */
export const macauDay = (at: Date): string => MACAU_DAY.format(at);
