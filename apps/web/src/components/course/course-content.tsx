import { useI18n } from '../../i18n/i18n';
import type { AssignmentView, CourseModuleView, CourseLicense, CriterionView } from './course-rules';
import { FORK_LICENSES } from './course-rules';

/** HTML the API rendered from the author's Markdown and sanitized (allowlist of tags, no scripts, no styles). */
export function SanitizedHtml({ html, className }: { html: string; className?: string }) {
  return <div className={`course-html ${className ?? ''}`.trim()} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function LicenseName({ license }: { license: CourseLicense }) {
  const { t } = useI18n();
  return <>{t(`course.license.${license}`)}</>;
}

/** What the license lets others do with the course: fork it or not, and under which licenses. */
export function LicenseRules({ license }: { license: CourseLicense }) {
  const { t } = useI18n();
  const allowed = FORK_LICENSES[license];
  return (
    <div className="license-rules">
      <p>
        <strong>
          <LicenseName license={license} />
        </strong>
      </p>
      {allowed.length === 0 ? (
        <p>{t('course.rules.noForks')}</p>
      ) : (
        <>
          <p>{t('course.rules.forksAllowed')}</p>
          <ul className="license-list">
            {allowed.map((l) => (
              <li key={l}>
                <LicenseName license={l} />
              </li>
            ))}
          </ul>
          <p className="meta">{t('course.rules.attribution')}</p>
        </>
      )}
    </div>
  );
}

/** A course's modules as a reader sees them, each with its assignments and their rubrics. */
export function CourseModules({ modules }: { modules: CourseModuleView[] }) {
  const { t } = useI18n();
  if (modules.length === 0) return <p>{t('course.noModules')}</p>;
  return (
    <ol className="course-modules">
      {modules.map((m, i) => (
        <li key={m.id} className="card">
          <h3>{t('course.moduleHeading', { number: i + 1, title: m.title })}</h3>
          <SanitizedHtml html={m.contentHtml} />
          {m.assignments.map((a) => (
            <AssignmentBlock key={a.id} assignment={a} />
          ))}
        </li>
      ))}
    </ol>
  );
}

function AssignmentBlock({ assignment }: { assignment: AssignmentView }) {
  const { t } = useI18n();
  const { review } = assignment;
  return (
    <section className="assignment">
      <h4>{t('course.assignmentHeading', { title: assignment.title })}</h4>
      <SanitizedHtml html={assignment.instructionsHtml} />
      <table className="rubric">
        <caption>{t('course.rubric')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('course.criterion')}</th>
            <th scope="col">{t('course.weight')}</th>
            <th scope="col">{t('course.scoring')}</th>
          </tr>
        </thead>
        <tbody>
          {assignment.rubric.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                {c.title}
                {c.description && <span className="criterion-description">{c.description}</span>}
              </th>
              <td>{c.weight}</td>
              <td>
                <Scoring criterion={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="meta review-settings">
        {t('course.reviewSettings', {
          perSubmission: review.reviewsPerSubmission,
          perLearner: review.reviewsPerLearner,
        })}{' '}
        {t(`course.anonymity.${review.anonymity}`)}
      </p>
    </section>
  );
}

function Scoring({ criterion }: { criterion: CriterionView }) {
  const { t } = useI18n();
  if (criterion.scale) return <>{t('course.scaleRange', { min: criterion.scale.min, max: criterion.scale.max })}</>;
  return (
    <ul className="levels">
      {(criterion.levels ?? []).map((l) => (
        <li key={l.label}>{t('course.levelPoints', { label: l.label, points: l.points })}</li>
      ))}
    </ul>
  );
}
