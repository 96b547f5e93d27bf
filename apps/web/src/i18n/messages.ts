import { ACCOUNT_MESSAGES } from './account.messages';
import { journeyMessages } from './journey.messages';
import { badgesMessages } from './badges.messages';
import { profileMessages } from './profile.messages';
import { courseMessages } from './course.messages';
import { facilitateMessages } from './facilitate.messages';
import { cohortMessages } from './cohort.messages';
import { reviewMessages } from './review.messages';

/** The app's shared words (layout, search, groups, sign-up); each feature adds its own file (see the end). */
const en = {
  'app.name': 'Commonplace',
  'nav.search': 'Find a group',
  'nav.logIn': 'Log in',
  'nav.signUp': 'Sign up',
  'nav.logOut': 'Log out',
  'nav.language': 'Language',
  'search.title': 'Find a study group',
  'search.text': 'What do you want to learn?',
  'search.mode': 'Where',
  'search.mode.any': 'Online or in person',
  'search.mode.online': 'Online',
  'search.mode.inPerson': 'In person',
  'search.openSeats': 'Only groups with open seats',
  'search.fitsMyDay': 'Fits my day (meets when I am available)',
  'search.fitsMyDayNeedsLogin': 'Log in to match groups to your weekly availability.',
  'search.submit': 'Search',
  'search.none': 'No group matches yet. Try fewer words or another place.',
  'search.more': 'Show more',
  'group.seatsLeft': '{{count}} seats left',
  'group.full': 'Full: joining puts you on the waitlist',
  'group.nextMeeting': 'Next meeting',
  'group.noMeeting': 'No meeting scheduled yet',
  'group.groupTime': 'group time',
  'group.facilitatedBy': 'Facilitated by',
  'group.meetings': 'Meetings',
  'group.join': 'Join this group',
  'group.joined': 'You are a member of this group.',
  'group.waitlisted': 'You are number {{position}} on the waitlist.',
  'group.logInToJoin': 'Log in or sign up to join.',
  'group.online': 'Online',
  'group.cancelled': 'Cancelled',
  'rsvp.label': 'Coming?',
  'rsvp.yes': 'Yes',
  'rsvp.no': 'No',
  'rsvp.maybe': 'Maybe',
  'rsvp.saved': 'Your answer is saved.',
  'signUp.title': 'Create your account',
  'signUp.displayName': 'Your name',
  'signUp.email': 'Email',
  'signUp.password': 'Password (at least 10 characters)',
  'signUp.timeZone': 'Your time zone',
  'signUp.language': 'Language of your emails',
  'signUp.submit': 'Sign up',
  'signUp.checkEmail': 'Almost there: we sent a link to {{email}}. Open it to verify your address.',
  'logIn.title': 'Log in',
  'logIn.email': 'Email',
  'logIn.password': 'Password',
  'logIn.submit': 'Log in',
  'verify.title': 'Verify your email',
  'verify.working': 'Checking your link…',
  'verify.done': 'Your email is verified. You can log in now.',
  'verify.failed': 'This link does not work any more. Log in to ask for a new one.',
  'error.generic': 'Something went wrong. Please try again.',
  'error.notFound': 'There is nothing here.',
  loading: 'Loading…',
} as const;

type CoreKey = keyof typeof en;
type CoreMessages = { readonly [K in CoreKey]: string };

const es: CoreMessages = {
  'app.name': 'Commonplace',
  'nav.search': 'Buscar un grupo',
  'nav.logIn': 'Entrar',
  'nav.signUp': 'Registrarse',
  'nav.logOut': 'Salir',
  'nav.language': 'Idioma',
  'search.title': 'Encuentra un grupo de estudio',
  'search.text': '¿Qué quieres aprender?',
  'search.mode': 'Dónde',
  'search.mode.any': 'En línea o en persona',
  'search.mode.online': 'En línea',
  'search.mode.inPerson': 'En persona',
  'search.openSeats': 'Solo grupos con plazas libres',
  'search.fitsMyDay': 'Encaja en mi día (se reúne cuando estoy disponible)',
  'search.fitsMyDayNeedsLogin': 'Entra para buscar grupos según tu disponibilidad semanal.',
  'search.submit': 'Buscar',
  'search.none': 'Ningún grupo coincide todavía. Prueba con menos palabras u otro lugar.',
  'search.more': 'Ver más',
  'group.seatsLeft': 'Quedan {{count}} plazas',
  'group.full': 'Completo: al unirte entras en la lista de espera',
  'group.nextMeeting': 'Próxima reunión',
  'group.noMeeting': 'Aún no hay reuniones programadas',
  'group.groupTime': 'hora del grupo',
  'group.facilitatedBy': 'Facilitado por',
  'group.meetings': 'Reuniones',
  'group.join': 'Unirme a este grupo',
  'group.joined': 'Eres miembro de este grupo.',
  'group.waitlisted': 'Eres el número {{position}} de la lista de espera.',
  'group.logInToJoin': 'Entra o regístrate para unirte.',
  'group.online': 'En línea',
  'group.cancelled': 'Cancelada',
  'rsvp.label': '¿Vienes?',
  'rsvp.yes': 'Sí',
  'rsvp.no': 'No',
  'rsvp.maybe': 'Quizás',
  'rsvp.saved': 'Tu respuesta está guardada.',
  'signUp.title': 'Crea tu cuenta',
  'signUp.displayName': 'Tu nombre',
  'signUp.email': 'Correo electrónico',
  'signUp.password': 'Contraseña (al menos 10 caracteres)',
  'signUp.timeZone': 'Tu zona horaria',
  'signUp.language': 'Idioma de tus correos',
  'signUp.submit': 'Registrarme',
  'signUp.checkEmail': 'Casi listo: enviamos un enlace a {{email}}. Ábrelo para verificar tu dirección.',
  'logIn.title': 'Entrar',
  'logIn.email': 'Correo electrónico',
  'logIn.password': 'Contraseña',
  'logIn.submit': 'Entrar',
  'verify.title': 'Verifica tu correo',
  'verify.working': 'Comprobando tu enlace…',
  'verify.done': 'Tu correo está verificado. Ya puedes entrar.',
  'verify.failed': 'Este enlace ya no funciona. Entra para pedir uno nuevo.',
  'error.generic': 'Algo salió mal. Inténtalo de nuevo.',
  'error.notFound': 'Aquí no hay nada.',
  loading: 'Cargando…',
};

const fr: CoreMessages = {
  'app.name': 'Commonplace',
  'nav.search': 'Trouver un groupe',
  'nav.logIn': 'Se connecter',
  'nav.signUp': 'S’inscrire',
  'nav.logOut': 'Se déconnecter',
  'nav.language': 'Langue',
  'search.title': 'Trouver un groupe d’étude',
  'search.text': 'Que voulez-vous apprendre ?',
  'search.mode': 'Où',
  'search.mode.any': 'En ligne ou en présentiel',
  'search.mode.online': 'En ligne',
  'search.mode.inPerson': 'En présentiel',
  'search.openSeats': 'Seulement les groupes avec des places libres',
  'search.fitsMyDay': 'Compatible avec ma journée (se réunit quand je suis disponible)',
  'search.fitsMyDayNeedsLogin': 'Connectez-vous pour trouver des groupes selon vos disponibilités.',
  'search.submit': 'Rechercher',
  'search.none': 'Aucun groupe ne correspond pour l’instant. Essayez moins de mots ou un autre lieu.',
  'search.more': 'Voir plus',
  'group.seatsLeft': '{{count}} places libres',
  'group.full': 'Complet : en rejoignant, vous entrez sur la liste d’attente',
  'group.nextMeeting': 'Prochaine séance',
  'group.noMeeting': 'Aucune séance prévue pour l’instant',
  'group.groupTime': 'heure du groupe',
  'group.facilitatedBy': 'Animé par',
  'group.meetings': 'Séances',
  'group.join': 'Rejoindre ce groupe',
  'group.joined': 'Vous êtes membre de ce groupe.',
  'group.waitlisted': 'Vous êtes numéro {{position}} sur la liste d’attente.',
  'group.logInToJoin': 'Connectez-vous ou inscrivez-vous pour rejoindre le groupe.',
  'group.online': 'En ligne',
  'group.cancelled': 'Annulée',
  'rsvp.label': 'Vous venez ?',
  'rsvp.yes': 'Oui',
  'rsvp.no': 'Non',
  'rsvp.maybe': 'Peut-être',
  'rsvp.saved': 'Votre réponse est enregistrée.',
  'signUp.title': 'Créer votre compte',
  'signUp.displayName': 'Votre nom',
  'signUp.email': 'Adresse e-mail',
  'signUp.password': 'Mot de passe (au moins 10 caractères)',
  'signUp.timeZone': 'Votre fuseau horaire',
  'signUp.language': 'Langue de vos e-mails',
  'signUp.submit': 'S’inscrire',
  'signUp.checkEmail': 'Presque fini : nous avons envoyé un lien à {{email}}. Ouvrez-le pour vérifier votre adresse.',
  'logIn.title': 'Se connecter',
  'logIn.email': 'Adresse e-mail',
  'logIn.password': 'Mot de passe',
  'logIn.submit': 'Se connecter',
  'verify.title': 'Vérifier votre e-mail',
  'verify.working': 'Vérification de votre lien…',
  'verify.done': 'Votre e-mail est vérifié. Vous pouvez vous connecter.',
  'verify.failed': 'Ce lien ne fonctionne plus. Connectez-vous pour en demander un nouveau.',
  'error.generic': 'Un problème est survenu. Veuillez réessayer.',
  'error.notFound': 'Il n’y a rien ici.',
  loading: 'Chargement…',
};

export const LANGUAGES = ['en', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language in its own words, for pickers. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', es: 'Español', fr: 'Français' };

/**
 * A feature's words: one file per feature (`<feature>.messages.ts`), `en` defines the keys and the other languages
 * must have every one (`FeatureMessages<typeof en>`); list it in FEATURES and spread its `en` into ENGLISH below.
 */
export type FeatureMessages<E extends Record<string, string>> = { readonly [K in keyof E]: string };
export interface FeatureDictionaries<E extends Record<string, string>> {
  en: E;
  es: FeatureMessages<E>;
  fr: FeatureMessages<E>;
}

const FEATURES = [
  ACCOUNT_MESSAGES,
  journeyMessages,
  badgesMessages,
  profileMessages,
  courseMessages,
  facilitateMessages,
  cohortMessages,
  reviewMessages,
] as const satisfies readonly FeatureDictionaries<Record<string, string>>[];

/** Every key of the app: the core's and each feature's (spread here as well as listed in FEATURES). */
export const ENGLISH = {
  ...en,
  ...ACCOUNT_MESSAGES.en,
  ...journeyMessages.en,
  ...badgesMessages.en,
  ...profileMessages.en,
  ...courseMessages.en,
  ...facilitateMessages.en,
  ...cohortMessages.en,
  ...reviewMessages.en,
};
export type MessageKey = keyof typeof ENGLISH;

const CORE: Readonly<Record<Language, CoreMessages>> = { en, es, fr };
export const MESSAGES: Readonly<Record<Language, Readonly<Record<string, string>>>> = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    Object.assign({}, CORE[language], ...FEATURES.map((feature) => feature[language])) as Record<string, string>,
  ]),
) as Record<Language, Record<string, string>>;
