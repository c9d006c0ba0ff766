/**
 * One shopper on an operator screen: avatar, nickname and masked phone (`138****0000`), never a bare openid. The
 * openid stays reachable (hover, copy) for support, but is not what the operator reads. Every value is text: a
 * nickname with markup shows its characters.
 */
import { defineComponent, type PropType } from 'vue';
import type { PersonSummary } from '../../../contract/src/wire/people';

export type People = Readonly<Record<string, PersonSummary>>;

/** What a screen shows for an openid the answer carried no person for (an old answer, a deleted shopper). */
export function personOf(people: People | undefined, openid: string): PersonSummary {
  return people?.[openid] ?? { openid, nickname: '微信用户' };
}

/** A nickname and masked phone as one line of text (charts, confirmations). */
export function personText(person: PersonSummary): string {
  return person.phoneMasked ? `${person.nickname}（${person.phoneMasked}）` : person.nickname;
}

export const PersonCell = defineComponent({
  props: {
    openid: { type: String, required: true },
    people: { type: Object as PropType<People | undefined>, default: undefined },
    /** Renders as a link (e.g. opens the member's relations) when given. */
    onOpen: { type: Function as PropType<(openid: string) => void>, default: undefined },
  },
  setup(props) {
    return () => {
      const person = personOf(props.people, props.openid);
      const name = <span class="person-name">{person.nickname}</span>;
      return (
        <span class="person-cell" data-testid="person-cell" data-openid={props.openid} title={props.openid}>
          {person.avatarUrl ? (
            <img class="person-avatar" src={person.avatarUrl} alt="" referrerpolicy="no-referrer" />
          ) : (
            <span class="person-avatar person-avatar-empty" aria-hidden="true">
              {Array.from(person.nickname)[0] ?? ''}
            </span>
          )}
          <span class="person-text">
            {props.onOpen ? (
              <a class="person-link" onClick={() => props.onOpen?.(props.openid)}>
                {name}
              </a>
            ) : (
              name
            )}
            {person.phoneMasked ? <span class="person-phone muted">{person.phoneMasked}</span> : null}
          </span>
        </span>
      );
    };
  },
});
