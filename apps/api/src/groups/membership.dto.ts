import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsObject, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { GroupMode, GroupRole, GroupVisibility } from '@app/groups';
import { InstantInZonesDto, OwnMembershipDto } from './groups.dto';

export class JoinGroupDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 1000 },
    example: { q3f9a1c2b7e: 'A digester for our school kitchen' },
    description: "Answers to the group's signup questions, by question id; required ones must be answered.",
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsObject({ message: 'answers must be an object of answers by question id' })
  answers?: Record<string, unknown>;
}

export class JoinByInviteDto extends JoinGroupDto {
  @ApiProperty({ description: 'The invite code a facilitator shared' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  inviteCode!: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: GroupRole, description: 'facilitator hands the group over (facilitators only)' })
  @IsEnum(GroupRole)
  role!: GroupRole;
}

export class MembershipDto extends OwnMembershipDto {
  @ApiProperty({ format: 'uuid' }) groupId!: string;
}

export class MyGroupSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) topic!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) courseVersionId!: string | null;
  @ApiProperty() language!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ enum: GroupMode }) mode!: GroupMode;
  @ApiProperty({ nullable: true, type: String }) city!: string | null;
  @ApiProperty({ nullable: true, type: String }) country!: string | null;
  @ApiProperty() capacity!: number;
  @ApiProperty() memberCount!: number;
  @ApiProperty() signupOpen!: boolean;
  @ApiProperty({ enum: GroupVisibility }) visibility!: GroupVisibility;
}

export class MyGroupDto {
  @ApiProperty({ type: MyGroupSummaryDto }) group!: MyGroupSummaryDto;
  @ApiProperty({ type: OwnMembershipDto }) membership!: OwnMembershipDto;
  @ApiProperty({
    type: InstantInZonesDto,
    nullable: true,
    description: "The start of the group's next scheduled meeting, in my zone and the group's; null when none",
  })
  nextMeeting!: InstantInZonesDto | null;
}

export class MyGroupPageDto {
  @ApiProperty({ type: [MyGroupDto] }) items!: MyGroupDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
