/** A group whose members its organizer places (a cohort's): private, online, signups closed. */
export interface PlacedGroup {
  id: string;
  name: string;
  language: string;
  timeZone: string;
  inviteCode: string;
  memberIds: string[];
}

export interface PlacedGroupsInput {
  groups: readonly PlacedGroup[];
  courseVersionId: string;
  capacity: number;
  createdBy: string;
}
