import { describe, expect, it } from 'vitest';
import { businessWindowStart } from '../../../../main/core/alarms/business-hours.ts';
import { wednesday } from './local-time.ts';

const office = { days: 'mon-fri', from: '09:00', to: '18:00' };

describe('business hours for the no-new-recordings alarm', () => {
  it('a weekday afternoon is inside, and counts from 09:00 that day', () => {
    expect(wednesday(0).getDay()).toBe(3);
    expect(businessWindowStart(office, wednesday(14, 30))).toEqual(wednesday(9));
  });

  it('before opening, after closing and at the weekend are outside', () => {
    expect(businessWindowStart(office, wednesday(8, 59))).toBeNull();
    expect(businessWindowStart(office, wednesday(18, 0))).toBeNull();
    expect(businessWindowStart(office, wednesday(11, 0, 3))).toBeNull(); // Saturday
    expect(businessWindowStart(office, wednesday(11, 0, 4))).toBeNull(); // Sunday
  });

  it('a night shift past midnight belongs to the day it starts on', () => {
    const nights = { days: 'wed', from: '22:00', to: '06:00' };
    expect(businessWindowStart(nights, wednesday(23, 0))).toEqual(wednesday(22));
    expect(businessWindowStart(nights, wednesday(5, 0, 1))).toEqual(wednesday(22));
    expect(businessWindowStart(nights, wednesday(5, 0))).toBeNull(); // Tuesday night is not a shift
  });

  it('00:00 to 24:00 daily is the whole day', () => {
    const always = { days: 'daily', from: '00:00', to: '24:00' };
    expect(businessWindowStart(always, wednesday(23, 59))).toEqual(wednesday(0));
    expect(businessWindowStart(always, wednesday(0, 0, 3))).toEqual(wednesday(0, 0, 3));
  });
});
