/** French messages of the form fields shared by setup and settings: labels, local validation, the passphrase meter. */
import type { FrenchMessages } from './translate.ts';

export const formsFr = {
  'field.name': 'Nom',
  'field.nameHint': "Prénom et nom, tels qu'ils apparaîtront dans le journal d'audit. C'est aussi le nom de connexion, à saisir sur l'écran de verrouillage.",
  'field.service': 'Service',
  'field.serviceHint': 'Unité ou service de rattachement.',
  'field.role': 'Rôle',
  'field.locale': 'Langue',
  'field.passphrase': 'Phrase secrète',
  'field.passphraseConfirm': 'Confirmer la phrase secrète',
  'field.passphraseHint': {
    one: 'Au moins {count} caractère : une suite de quatre ou cinq mots sans rapport entre eux est robuste et facile à retenir.',
    many: 'Au moins {count} caractères : une suite de quatre ou cinq mots sans rapport entre eux est robuste et facile à retenir.',
    other: 'Au moins {count} caractères : une suite de quatre ou cinq mots sans rapport entre eux est robuste et facile à retenir.',
  },

  'date.placeholder': 'jj/mm/aaaa',
  'date.invalid': 'Date non reconnue : saisissez le jour, le mois et l’année, par exemple {example}.',
  'date.beforeMin': 'Cette date précède le {min} : choisissez une date à partir de celle-ci.',
  'date.afterMax': 'Cette date suit le {max} : choisissez une date jusqu’à celle-ci.',

  'file.choose': 'Choisir un fichier…',
  'file.none': 'Aucun fichier choisi',

  'validation.name': 'Le nom doit compter de 2 à 80 caractères, sans caractère de contrôle.',
  'validation.service': 'Le service doit compter de 2 à 80 caractères, sans caractère de contrôle.',
  'validation.passphraseRequired': 'Saisissez une phrase secrète.',
  'validation.passphraseMismatch': 'Les deux phrases secrètes saisies ne sont pas identiques.',
  'validation.passphraseWeak': 'Cette phrase secrète est trop faible : choisissez-en une plus longue et moins prévisible.',
  'validation.idleRange': 'Indiquez un nombre entier de minutes compris entre {min} et {max}.',
  'validation.intakeUrl': "Indiquez l'adresse complète du service, commençant par https:// (ou http:// pour une adresse locale).",
  'validation.workstationId': "Indiquez l'identifiant du poste : de 1 à 128 caractères parmi lettres, chiffres, point, tiret et tiret bas.",
  'validation.syncInterval': 'Indiquez un nombre entier de minutes compris entre {min} et {max} (0 : pas de synchronisation en arrière-plan).',
  'validation.tokenRequired': "Saisissez le jeton d'accès remis pour ce poste.",
  'validation.keyRequired': 'Choisissez le fichier de la clé publique ou collez son contenu.',
  'validation.keyFormat': "Ce texte n'est pas une clé publique au format PEM : il doit contenir « -----BEGIN PUBLIC KEY----- ».",
  'validation.keyFileRead': "Le fichier choisi n'a pas pu être lu.",
  'validation.keyFileTooBig': 'Ce fichier est trop volumineux pour être une clé publique.',

  'meter.label': 'Robustesse de la phrase secrète',
  'meter.empty': 'Saisissez une phrase secrète pour évaluer sa robustesse.',
  'meter.checking': 'Évaluation…',
  'meter.score.0': 'Très faible',
  'meter.score.1': 'Faible',
  'meter.score.2': 'Moyenne',
  'meter.score.3': 'Bonne',
  'meter.score.4': 'Très bonne',
  'meter.valueText': 'Robustesse : {label} ({score} sur 4)',
  'meter.acceptable': 'Conforme à la politique de sécurité.',
  'meter.notAcceptable': 'Refusée par la politique de sécurité.',
  'meter.problem.too_short': {
    one: 'Trop courte : {count} caractère au minimum.',
    many: 'Trop courte : {count} caractères au minimum.',
    other: 'Trop courte : {count} caractères au minimum.',
  },
  'meter.problem.too_guessable': 'Trop facile à deviner : évitez les mots courants, les noms, les dates et les suites de touches.',

  // Every reason the audit journal keeps: one rule (shared/reason.ts).
  'validation.reason': 'Donnez le motif en quelques mots : au moins 3 mots ou 10 lettres (la ponctuation et les lettres répétées ne comptent pas).',
  'field.reasonHint': 'Quelques mots : au moins 3 mots ou 10 lettres. Le motif est consigné au journal d’audit.',
} satisfies FrenchMessages;
