import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe } from '../api/me';
import { CreateAchievementForm } from '../components/badges/achievement-form';
import { AwardForm, AwardList } from '../components/badges/awarding';
import { ruleText, type Achievement, type Person, type ScopeType } from '../components/badges/badge-forms';
import { NominateForm, NominationItem } from '../components/badges/nominations';
import { useI18n } from '../i18n/i18n';

/** The badges of a study group or a cohort, for its members (nominate, endorse) and its facilitators (make, award, decide). */
export function ScopeBadgesPage({ type }: { type: ScopeType }) {
  const params = useParams();
  const id = (type === 'group' ? params.groupId : params.cohortId) ?? '';
  const { t } = useI18n();
  const me = useMe();
  const scope = useScope(type, id, me !== null);
  const achievements = useQuery({
    queryKey: ['scope-badges', type, id],
    enabled: me !== null,
    queryFn: async () =>
      type === 'group'
        ? unwrap(await api.GET('/api/v1/groups/{groupId}/badges', { params: { path: { groupId: id } } }))
        : unwrap(await api.GET('/api/v1/cohorts/{cohortId}/badges', { params: { path: { cohortId: id } } })),
  });
  const nominations = useQuery({
    queryKey: ['scope-nominations', type, id],
    enabled: me !== null,
    queryFn: async () =>
      type === 'group'
        ? unwrap(await api.GET('/api/v1/groups/{groupId}/badges/nominations', { params: { path: { groupId: id } } }))
        : unwrap(
            await api.GET('/api/v1/cohorts/{cohortId}/badges/nominations', { params: { path: { cohortId: id } } }),
          ),
  });

  if (!me) {
    return (
      <p>
        <Link to={`/login?next=/${type}s/${id}/badges`}>{t('badges.logIn')}</Link>
      </p>
    );
  }
  if (scope.isPending || achievements.isPending) return <p>{t('loading')}</p>;
  const problem = problemOf(scope.error ?? achievements.error);
  if (problem || !scope.data || !achievements.data) return <p role="alert">{problem?.detail ?? t('error.notFound')}</p>;

  const { name, facilitates, people } = scope.data;
  const peers = people.filter((p) => p.userId !== me.id);
  const open = achievements.data.filter((a) => !a.archivedAt);
  return (
    <article>
      <h1>
        {t('scope.title')}: {name}
      </h1>
      <section>
        <h2>{t('scope.achievements')}</h2>
        {achievements.data.length === 0 && <p>{t('scope.none')}</p>}
        <ul className="results">
          {achievements.data.map((a) => (
            <AchievementItem key={a.id} achievement={a} facilitates={facilitates} people={peers} zone={me.timeZone} />
          ))}
        </ul>
      </section>
      <section>
        <h2>{t('scope.nominations')}</h2>
        {nominations.data?.length === 0 && <p>{t('scope.noNominations')}</p>}
        <ul className="results">
          {nominations.data?.map((n) => (
            <NominationItem key={n.id} nomination={n} facilitates={facilitates} myId={me.id} scopeKey={[type, id]} />
          ))}
        </ul>
      </section>
      {open.some((a) => a.endorsementsNeeded !== null) && peers.length > 0 && (
        <NominateForm
          achievements={open.filter((a) => a.endorsementsNeeded !== null)}
          peers={peers}
          scopeKey={[type, id]}
        />
      )}
      {facilitates && <CreateAchievementForm type={type} id={id} />}
    </article>
  );
}

interface ScopeView {
  name: string;
  facilitates: boolean;
  /**
   * Who can be awarded or nominated: the group's active members; in a cohort, its active learners for facilitators
   * and a learner's own study group for a learner.
   */
  people: Person[];
}

function useScope(type: ScopeType, id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['badge-scope', type, id],
    enabled,
    queryFn: async (): Promise<ScopeView> => {
      if (type === 'group') {
        const g = unwrap(await api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId: id } } }));
        const people = g.forFacilitators?.roster ?? g.forMembers?.members ?? [];
        return { name: g.name, facilitates: g.forFacilitators !== null, people };
      }
      const c = unwrap(await api.GET('/api/v1/cohorts/{cohortId}', { params: { path: { cohortId: id } } }));
      if (c.forFacilitators === null) {
        // Learners see no roster: the peers they can nominate are the ones of their own study group in the cohort.
        // Not a learner here (or not yet grouped): nobody to nominate, the badges are still listed.
        const { data: mine } = await api.GET('/api/v1/cohorts/{cohortId}/me/group', {
          params: { path: { cohortId: id } },
        });
        return { name: c.title, facilitates: false, people: mine?.group?.members ?? [] };
      }
      // Every active learner, a page of 100 at a time (a cohort's capacity bounds the pages).
      const learners: Person[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/api/v1/cohorts/{cohortId}/roster', {
            params: { path: { cohortId: id }, query: { status: 'active', limit: 100, cursor } },
          }),
        );
        learners.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return { name: c.title, facilitates: true, people: learners };
    },
  });
}

function AchievementItem({
  achievement,
  facilitates,
  people,
  zone,
}: {
  achievement: Achievement;
  facilitates: boolean;
  people: Person[];
  zone: string;
}) {
  const { t } = useI18n();
  return (
    <li className="card">
      <h3>{achievement.name}</h3>
      {achievement.archivedAt && <p className="tag">{t('scope.archived')}</p>}
      <p className="description">{achievement.description}</p>
      <p className="meta">{achievement.criteria}</p>
      <p className="meta">{ruleText(t, achievement.rule)}</p>
      {facilitates && !achievement.archivedAt && <AwardForm achievement={achievement} people={people} />}
      {facilitates && <AwardList achievementId={achievement.id} zone={zone} />}
    </li>
  );
}
