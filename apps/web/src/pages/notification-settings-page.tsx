import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe, useSignedIn, type OwnProfile } from '../api/me';
import { fieldError } from '../api/problem';
import type { components } from '../api/schema';
import { formatLocalTime, weekdayName } from '../availability/week-slots';
import { Field, SelectField } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { formatInstant, zoneLabel } from '../time/zones';

type Settings = components['schemas']['NotificationSettingsDto'];
type Category = keyof Settings['categories'];
type Delivery = Settings['badgeDelivery'];

const CATEGORIES: readonly Category[] = ['reminders', 'reviewActivity', 'announcements', 'badges'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** The API's quiet-hours times (QuietHoursDto): a start of a minute, 00:00-23:59. */
const QUIET_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Which emails come, how, and when: with the next digest's time in the profile's zone. */
export function NotificationSettingsPage() {
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const me = useMe();
  if (!signedIn) return <Navigate to="/login?next=/account/notifications" replace />;
  if (!me) return <p>{t('loading')}</p>;
  return (
    <section>
      <h1>{t('notifications.title')}</h1>
      <p>
        <Link to="/account">{t('notifications.backToAccount')}</Link>
      </p>
      <NextDigest me={me} />
      <SettingsForm me={me} />
    </section>
  );
}

function NextDigest({ me }: { me: OwnProfile }) {
  const { t, language } = useI18n();
  const { data } = useQuery({
    queryKey: ['next-digest', me.timeZone, me.notifications],
    queryFn: async () => unwrap(await api.GET('/api/v1/users/me/next-digest')),
  });
  if (!data) return null;
  if (!data.dueAt) return <p className="next-digest">{t('notifications.digestOff')}</p>;
  // In the profile's zone: the hour chosen below is kept there, whatever zone this browser is in.
  const when = `${formatInstant(data.dueAt, data.timeZone, language)} ${zoneLabel(data.dueAt, data.timeZone, language)}`;
  return (
    <p className="next-digest">
      {t('notifications.nextDigest')} <time dateTime={data.dueAt}>{when}</time>
    </p>
  );
}

function SettingsForm({ me }: { me: OwnProfile }) {
  const { t, language } = useI18n();
  const queries = useQueryClient();
  const [form, setForm] = useState<Settings>(me.notifications);
  const [quiet, setQuiet] = useState({
    on: me.notifications.quietHours !== null,
    start: me.notifications.quietHours?.start ?? '22:00',
    end: me.notifications.quietHours?.end ?? '07:00',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/users/me', {
          body: {
            notifications: {
              digest: form.digest,
              digestHour: form.digestHour,
              digestWeekday: form.digestWeekday,
              categories: form.categories,
              announcementDelivery: form.announcementDelivery,
              reviewActivityDelivery: form.reviewActivityDelivery,
              badgeDelivery: form.badgeDelivery,
              quietHours: quiet.on ? { start: quiet.start, end: quiet.end } : null,
            },
          },
        }),
      ),
    onSuccess: (profile) => queries.setQueryData(['me'], profile),
  });
  const problem = problemOf(save.error);
  const errorOf = (field: string) => local[field] ?? fieldError(problem, `notifications.${field}`);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (quiet.on && !QUIET_TIME.test(quiet.start)) found['quietHours.start'] = t('notifications.error.time');
    if (quiet.on && !QUIET_TIME.test(quiet.end)) found['quietHours.end'] = t('notifications.error.time');
    setLocal(found);
    if (Object.keys(found).length === 0) save.mutate();
  };
  const deliveryField = (name: 'reviewActivityDelivery' | 'badgeDelivery' | 'announcementDelivery') => (
    <SelectField
      label={t(`notifications.${name}`)}
      name={name}
      value={form[name]}
      error={errorOf(name)}
      onChange={(e) => setForm({ ...form, [name]: e.target.value as Delivery })}
    >
      <option value="immediate">{t('notifications.delivery.immediate')}</option>
      <option value="digest">{t('notifications.delivery.digest')}</option>
    </SelectField>
  );

  return (
    <form onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('notifications.categories')}</legend>
        {CATEGORIES.map((category) => (
          <label key={category} className="check">
            <input
              type="checkbox"
              name={category}
              checked={form.categories[category]}
              onChange={(e) => setForm({ ...form, categories: { ...form.categories, [category]: e.target.checked } })}
            />
            {t(`notifications.category.${category}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('notifications.digest')}</legend>
        <SelectField
          label={t('notifications.digestFrequency')}
          name="digest"
          value={form.digest}
          error={errorOf('digest')}
          onChange={(e) => setForm({ ...form, digest: e.target.value as Settings['digest'] })}
        >
          <option value="off">{t('notifications.digest.off')}</option>
          <option value="daily">{t('notifications.digest.daily')}</option>
          <option value="weekly">{t('notifications.digest.weekly')}</option>
        </SelectField>
        <SelectField
          label={t('notifications.digestHour', { zone: me.timeZone })}
          name="digestHour"
          value={form.digestHour}
          disabled={form.digest === 'off'}
          error={errorOf('digestHour')}
          onChange={(e) => setForm({ ...form, digestHour: Number(e.target.value) })}
        >
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {formatLocalTime(h * 60, language)}
            </option>
          ))}
        </SelectField>
        {form.digest === 'weekly' && (
          <SelectField
            label={t('notifications.digestWeekday')}
            name="digestWeekday"
            value={form.digestWeekday}
            error={errorOf('digestWeekday')}
            onChange={(e) => setForm({ ...form, digestWeekday: Number(e.target.value) })}
          >
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <option key={d} value={d}>
                {weekdayName(d, language)}
              </option>
            ))}
          </SelectField>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('notifications.delivery')}</legend>
        {deliveryField('reviewActivityDelivery')}
        {deliveryField('badgeDelivery')}
        {deliveryField('announcementDelivery')}
      </fieldset>
      <fieldset>
        <legend>{t('notifications.quietHours')}</legend>
        <label className="check">
          <input type="checkbox" checked={quiet.on} onChange={(e) => setQuiet({ ...quiet, on: e.target.checked })} />
          {t('notifications.quietHours.on', { zone: me.timeZone })}
        </label>
        {quiet.on && (
          <div className="time-pair">
            <Field
              label={t('notifications.quietHours.start')}
              name="quietStart"
              type="time"
              value={quiet.start}
              error={errorOf('quietHours.start')}
              onChange={(e) => setQuiet({ ...quiet, start: e.target.value })}
            />
            <Field
              label={t('notifications.quietHours.end')}
              name="quietEnd"
              type="time"
              value={quiet.end}
              error={errorOf('quietHours.end')}
              onChange={(e) => setQuiet({ ...quiet, end: e.target.value })}
            />
          </div>
        )}
      </fieldset>
      {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      {save.isSuccess && <p role="status">{t('account.saved')}</p>}
      <button type="submit" disabled={save.isPending}>
        {t('account.save')}
      </button>
    </form>
  );
}
