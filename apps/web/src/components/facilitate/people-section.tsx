import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { Instant } from '../instant';

type GroupDetail = components['schemas']['GroupDetailDto'];
type Question = components['schemas']['SignupQuestionDto'];

/** Signup answers under their questions' prompts (answers to questions since dropped are gone with them). */
function Answers({ questions, answers }: { questions: Question[]; answers: Record<string, string> }) {
  const { t } = useI18n();
  const given = questions.filter((q) => answers[q.id]);
  if (given.length === 0) return null;
  return (
    <dl className="answers" aria-label={t('facilitate.people.answers')}>
      {given.map((q) => (
        <div key={q.id}>
          <dt>{q.prompt}</dt>
          <dd>{answers[q.id]}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Who is in the group and who waits for a seat (in order), with what they answered; members can be removed. */
export function PeopleSection({ group, viewerZone, myId }: { group: GroupDetail; viewerZone: string; myId: string }) {
  const { t } = useI18n();
  const staff = group.forFacilitators;
  if (!staff) return null;
  return (
    <>
      <section aria-labelledby="members-title">
        <h2 id="members-title">
          {t('facilitate.people.members', { count: group.memberCount, capacity: group.capacity })}
        </h2>
        <ul className="people">
          {staff.roster.map((member) => (
            <li className="card" key={member.userId}>
              <p>
                <strong>{member.displayName}</strong> · {t(`facilitate.role.${member.role}`)}
                {member.email && <span className="meta"> · {member.email}</span>}
              </p>
              <p className="meta">
                {t('facilitate.people.joined')} <Instant utc={member.joinedAt.utc} viewerZone={viewerZone} />
              </p>
              <Answers questions={group.signupQuestions} answers={member.signupAnswers} />
              {member.userId !== myId && (
                <RemoveButton groupId={group.id} userId={member.userId} name={member.displayName} />
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="waitlist-title">
        <h2 id="waitlist-title">{t('facilitate.people.waitlist', { count: staff.waitlistLength })}</h2>
        {staff.waitlist.length === 0 ? (
          <p>{t('facilitate.people.noWaitlist')}</p>
        ) : (
          <ol className="people waitlist">
            {staff.waitlist.map((entry) => (
              <li className="card" key={entry.userId}>
                <p>
                  <strong>
                    {t('facilitate.people.position', { position: entry.position, name: entry.displayName })}
                  </strong>
                  {entry.email && <span className="meta"> · {entry.email}</span>}
                </p>
                <p className="meta">
                  {t('facilitate.people.waitingSince')} <Instant utc={entry.waitlistedAt.utc} viewerZone={viewerZone} />
                </p>
                <Answers questions={group.signupQuestions} answers={entry.signupAnswers} />
                <RemoveButton groupId={group.id} userId={entry.userId} name={entry.displayName} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function RemoveButton({ groupId, userId, name }: { groupId: string; userId: string; name: string }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE('/api/v1/groups/{groupId}/members/{userId}', { params: { path: { groupId, userId } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['group', groupId] }),
  });
  return (
    <>
      {confirming ? (
        <div className="confirm" role="group" aria-label={t('facilitate.people.removeConfirm', { name })}>
          <p>{t('facilitate.people.removeConfirm', { name })}</p>
          <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {t('facilitate.people.removeYes', { name })}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            {t('facilitate.people.keep')}
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          {t('facilitate.people.remove', { name })}
        </button>
      )}
      {remove.isError && <p role="alert">{problemOf(remove.error)?.detail ?? t('error.generic')}</p>}
    </>
  );
}
