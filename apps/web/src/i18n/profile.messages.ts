import type { FeatureDictionaries } from './messages';

/** A person's public profile: who they are, the hour where they live, and the badges they show. */
const en = {
  'profile.logIn': 'Log in to see people’s profiles.',
  'profile.notFound': 'There is no one here.',
  'profile.memberSince': 'Member since',
  'profile.localTime': 'Their time now',
  'profile.badges': 'Badges',
  'profile.noBadges': 'No badges shown yet.',
  'profile.issuedBy': 'Issued by {{issuer}} on {{date}}',
  'profile.seeCredential': 'See the credential',
  'profile.mine': 'This is how others see your profile.',
  'profile.viewMine': 'See my public profile',
} as const;

export const profileMessages: FeatureDictionaries<typeof en> = {
  en,
  es: {
    'profile.logIn': 'Entra para ver los perfiles de las personas.',
    'profile.notFound': 'Aquí no hay nadie.',
    'profile.memberSince': 'Miembro desde',
    'profile.localTime': 'Su hora ahora',
    'profile.badges': 'Insignias',
    'profile.noBadges': 'Todavía no muestra ninguna insignia.',
    'profile.issuedBy': 'Emitida por {{issuer}} el {{date}}',
    'profile.seeCredential': 'Ver la credencial',
    'profile.mine': 'Así ven tu perfil los demás.',
    'profile.viewMine': 'Ver mi perfil público',
  },
  fr: {
    'profile.logIn': 'Connectez-vous pour voir les profils.',
    'profile.notFound': 'Il n’y a personne ici.',
    'profile.memberSince': 'Membre depuis',
    'profile.localTime': 'Son heure actuelle',
    'profile.badges': 'Badges',
    'profile.noBadges': 'Aucun badge affiché pour l’instant.',
    'profile.issuedBy': 'Émis par {{issuer}} le {{date}}',
    'profile.seeCredential': 'Voir l’attestation',
    'profile.mine': 'Voici comment les autres voient votre profil.',
    'profile.viewMine': 'Voir mon profil public',
  },
};
