/** French messages of the error codes of the contract, in general and in context. */
import type { FrenchMessages } from './translate.ts';

export const errorsFr = {
  'error.INVALID_INPUT': 'Les données saisies ne sont pas valides. Vérifiez les champs puis réessayez.',
  'error.LOCKED': 'Le poste est verrouillé. Déverrouillez-le pour continuer.',
  'error.WRONG_PHASE': "Cette action n'est pas possible dans l'état actuel du poste.",
  'error.WRONG_PASSPHRASE': 'Phrase secrète incorrecte.',
  'error.THROTTLED': 'Trop de tentatives échouées. Patientez avant de réessayer.',
  'error.WEAK_PASSPHRASE': 'Phrase secrète refusée : elle est trop faible au regard de la politique de sécurité (elle ne doit pas non plus reprendre le nom ou le service).',
  'error.PROFILE_DISABLED': 'Ce profil est désactivé. Adressez-vous à un superviseur.',
  'error.FORBIDDEN': 'Votre rôle ne permet pas cette action.',
  'error.NOT_FOUND': "L'élément demandé n'existe pas ou plus.",
  'error.CONFLICT': 'Cette action entre en conflit avec des données existantes.',
  'error.STORE_CORRUPT':
    "La base chiffrée ne peut pas être déchiffrée ou a échoué à son contrôle d'intégrité. Ne supprimez aucun fichier et prévenez le support technique.",
  'error.STORE_TOO_NEW': "La base a été créée par une version plus récente d'Iblagh Workstation. Installez la dernière version du poste.",
  'error.INTAKE_NOT_CONFIGURED': "Aucun service d'intake n'est configuré sur ce poste. Un superviseur peut le configurer dans Paramètres.",
  'error.INTAKE_INVALID_CONFIG': "La configuration du service d'intake n'est pas acceptable : vérifiez l'adresse, le jeton, la clé publique et l'identifiant du poste.",
  'error.INTAKE_BAD_URL':
    "L'adresse du service d'intake n'est pas acceptable : une URL complète (https://…), sans identifiants ni paramètres ; le HTTP non chiffré n'est admis que pour une adresse locale (127.0.0.1).",
  'error.INTAKE_BAD_TOKEN': "Le jeton d'accès manque, ou contient des espaces : copiez-le tel que les administrateurs du service d'intake l'ont remis.",
  'error.INTAKE_BAD_KEY':
    'La clé publique du service doit être une clé Ed25519 au format PEM (« -----BEGIN PUBLIC KEY----- ») : sans elle, rien de ce que le service envoie ne peut être vérifié.',
  'error.INTAKE_KEY_MISMATCH':
    "Les changements publiés par ce service ne sont pas signés par cette clé publique : c'est la clé d'un autre service. Demandez la bonne clé à ses administrateurs.",
  'error.INTAKE_AUTH':
    "Le service d'intake refuse le jeton de ce poste, ou a révoqué ce poste. Contactez les administrateurs du service d'intake.",
  'error.INTAKE_UNREACHABLE':
    "Le service d'intake est resté injoignable malgré plusieurs tentatives. Vérifiez l'adresse et le réseau, puis réessayez.",
  'error.INTAKE_REFUSED': "Le service d'intake a refusé la demande.",
  'error.ONLINE_DISABLED': "Les diagnostics en ligne ne sont pas activés, ou aucun chemin (proxy ou connexion directe autorisée) n'est configuré.",
  'error.DESTINATION_REFUSED': 'Destination refusée (adresse privée ou réservée, ou connexion directe non autorisée).',
  'error.RENDER_FAILED': 'Le dossier n’a pas pu être produit : le moteur de rendu est absent ou a échoué. Rien n’a été exporté.',
  'error.INTERNAL': "Erreur inattendue : l'opération n'a pas abouti.",
  'error.DISK_FULL':
    "Le disque est plein : rien n'a été enregistré et rien n'est resté à moitié écrit. Libérez de l'espace (ou prévenez le support technique), puis recommencez.",
  'error.unlock.WRONG_PASSPHRASE': 'Nom de connexion ou phrase secrète incorrect.',
  'error.initialPassphrase.CONFLICT': 'Choisissez une phrase secrète différente de celle que le superviseur vous a remise.',
  'error.currentPassphrase.WRONG_PASSPHRASE': 'La phrase secrète actuelle est incorrecte.',
  'error.createProfile.CONFLICT': 'Un profil porte déjà ce nom.',
  'error.startDemo.CONFLICT':
    "Le mode démonstration est réservé à un poste sans données réelles : ce poste a déjà reçu des signalements d'un service d'intake réel, ou des dossiers existent déjà (en quittant la démonstration, ils seraient supprimés avec elle).",
  'error.intakeSave.CONFLICT': "Quitter le mode démonstration supprime ses données : relancez l'enregistrement pour voir ce qui sera supprimé et le confirmer.",
  'error.disableProfile.CONFLICT': 'Ce profil ne peut pas être désactivé : vous ne pouvez pas désactiver votre propre profil, et le poste doit garder au moins un superviseur actif.',
  'error.setStatus.CONFLICT': "Un autre poste a pris en charge l’un de ces signalements entre-temps : rien n’a été changé. Recommencez : le nombre concerné vous sera indiqué.",
  'error.undoStatus.NOT_FOUND': 'Il est trop tard pour annuler ce changement (plus d’une minute) : donnez de nouveau le statut voulu.',
  'error.detail': 'Précision : {detail}',
  'error.throttledFor': 'Trop de tentatives échouées. Nouvel essai possible dans {seconds} s.',
} satisfies FrenchMessages;
