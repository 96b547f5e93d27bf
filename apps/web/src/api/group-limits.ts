/** The groups API's own limits (its DTOs), checked in the facilitation forms before a round trip. */
export const GROUP_LIMITS = {
  nameLength: 120,
  descriptionLength: 5000,
  topicLength: 120,
  meetingLinkLength: 500,
  venueLength: 200,
  cityLength: 100,
  minCapacity: 1,
  maxCapacity: 500,
  signupQuestions: 10,
  promptLength: 500,
  minDuration: 5,
  maxDuration: 720,
  maxOccurrences: 200,
  titleLength: 200,
} as const;

export const START_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
