// Group membership for one hub: group -> members and member -> groups, both kept in step so a
// disconnect removes a connection from all its groups at once.
import { HubError } from './hub-error';

export const groupNameLengthMax = 1024;

export class Groups<Member> {
  private readonly members = new Map<string, Set<Member>>();
  private readonly memberships = new Map<Member, Set<string>>();

  constructor(private readonly groupsPerMemberMax: number) {}

  add(group: string, member: Member): void {
    if (typeof group !== 'string' || group.length === 0 || group.length > groupNameLengthMax) {
      throw new HubError(`Group names must be 1 to ${groupNameLengthMax} characters long.`);
    }
    let groups = this.memberships.get(member);
    if (groups?.has(group)) return;
    if (groups !== undefined && groups.size >= this.groupsPerMemberMax) {
      throw new HubError(`A connection may belong to at most ${this.groupsPerMemberMax} groups.`);
    }
    if (groups === undefined) this.memberships.set(member, (groups = new Set()));
    groups.add(group);
    let members = this.members.get(group);
    if (members === undefined) this.members.set(group, (members = new Set()));
    members.add(member);
  }

  remove(group: string, member: Member): void {
    const members = this.members.get(group);
    if (members === undefined) return;
    members.delete(member);
    if (members.size === 0) this.members.delete(group);
    const groups = this.memberships.get(member);
    groups?.delete(group);
    if (groups?.size === 0) this.memberships.delete(member);
  }

  removeAll(member: Member): void {
    for (const group of this.memberships.get(member) ?? []) {
      const members = this.members.get(group);
      members?.delete(member);
      if (members?.size === 0) this.members.delete(group);
    }
    this.memberships.delete(member);
  }

  membersOf(group: string): ReadonlySet<Member> | undefined {
    return this.members.get(group);
  }

  groupsOf(member: Member): ReadonlySet<string> | undefined {
    return this.memberships.get(member);
  }
}
