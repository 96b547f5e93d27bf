import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n';

// Facilitators' pages load on demand: the search page's bundle stays lean (issue 15's budget).
const ManageGroupPage = lazy(() => import('./manage-group-page').then((m) => ({ default: m.ManageGroupPage })));
const NewGroupPage = lazy(() => import('./manage-group-page').then((m) => ({ default: m.NewGroupPage })));

function Loading() {
  const { t } = useI18n();
  return <p>{t('loading')}</p>;
}

/** /groups/:groupId/manage, loaded when first opened. */
export function LazyManageGroupPage() {
  return (
    <Suspense fallback={<Loading />}>
      <ManageGroupPage />
    </Suspense>
  );
}

/** /groups/new, loaded when first opened. */
export function LazyNewGroupPage() {
  return (
    <Suspense fallback={<Loading />}>
      <NewGroupPage />
    </Suspense>
  );
}
