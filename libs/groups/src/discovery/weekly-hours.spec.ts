import { parseWeeklyHours } from './weekly-hours';

describe('parseWeeklyHours', () => {
  it('reads day:start-end windows, days by their short English names, ends of day as 24:00', () => {
    expect(parseWeeklyHours('mon:08:00-12:00, Wed:18:00-24:00,sun:00:00-01:30', 'availability')).toEqual([
      { weekday: 1, start: '08:00', end: '12:00' },
      { weekday: 3, start: '18:00', end: '24:00' },
      { weekday: 7, start: '00:00', end: '01:30' },
    ]);
  });

  it.each([
    ['monday:08:00-12:00'],
    ['mon 08:00-12:00'],
    ['mon:8:00-12:00'],
    ['mon:08:00-25:00'],
    ['mon:24:00-24:00'],
    ['mon:08:00-12:00,'],
    [''],
  ])('refuses %j, naming the field', (text) => {
    expect(parseWeeklyHours(text, 'availability')).toEqual({
      field: 'availability',
      message: expect.stringContaining('availability') as unknown,
    });
  });

  it('refuses a window that ends before it starts', () => {
    expect(parseWeeklyHours('tue:18:00-09:00', 'availability')).toMatchObject({
      field: 'availability',
      message: expect.stringContaining('must end after it starts') as unknown,
    });
  });

  it('refuses more windows than anyone states', () => {
    const many = Array.from({ length: 29 }, () => 'mon:08:00-09:00').join(',');
    expect(parseWeeklyHours(many, 'availability')).toMatchObject({ field: 'availability' });
  });
});
