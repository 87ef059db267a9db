/**
 * Topic membership for the `ws` transport (uWS keeps its own topic tree natively). Both directions are
 * indexed: topic → members for publish, member → topics so a closing connection leaves every topic in
 * O(its topics) instead of a scan over all topics.
 */
export class TopicRegistry<Member> {
  private readonly membersByTopic = new Map<string, Set<Member>>();
  private readonly topicsByMember = new Map<Member, Set<string>>();

  add(topic: string, member: Member): void {
    let members = this.membersByTopic.get(topic);
    if (members === undefined) {
      members = new Set();
      this.membersByTopic.set(topic, members);
    }
    members.add(member);
    let topics = this.topicsByMember.get(member);
    if (topics === undefined) {
      topics = new Set();
      this.topicsByMember.set(member, topics);
    }
    topics.add(topic);
  }

  remove(topic: string, member: Member): void {
    const members = this.membersByTopic.get(topic);
    if (members === undefined || !members.delete(member)) return;
    if (members.size === 0) this.membersByTopic.delete(topic);
    const topics = this.topicsByMember.get(member);
    topics?.delete(topic);
    if (topics?.size === 0) this.topicsByMember.delete(member);
  }

  removeMember(member: Member): void {
    const topics = this.topicsByMember.get(member);
    if (topics === undefined) return;
    for (const topic of [...topics]) this.remove(topic, member);
  }

  has(topic: string, member: Member): boolean {
    return this.membersByTopic.get(topic)?.has(member) ?? false;
  }

  /** Live set: do not subscribe or unsubscribe while iterating it. */
  members(topic: string): ReadonlySet<Member> | undefined {
    return this.membersByTopic.get(topic);
  }

  count(topic: string): number {
    return this.membersByTopic.get(topic)?.size ?? 0;
  }
}
