/** French messages of backups: the lock screen's damaged-store state and its restore procedure. */
import type { FrenchMessages } from './translate.ts';

export const backupFr = {
  'backup.damaged.title': 'Base endommagée',
  'backup.damaged.intro':
    "La base chiffrée de ce poste a échoué à son contrôle d'intégrité ou ne peut plus être déchiffrée. Rien n'a été ouvert et rien n'a été modifié.",
  'backup.damaged.keep':
    "Ne supprimez et ne remplacez aucun fichier du dossier de la base : il est conservé tel quel, comme trace de ce qui s'est passé, et peut être examiné.",
  'backup.damaged.restore': 'Restaurer depuis une sauvegarde',
  'backup.damaged.back': 'Revenir au déverrouillage',
  'backup.damaged.stepsTitle': 'Restaurer la dernière sauvegarde',
  'backup.damaged.step.verify': 'Vérifiez la dernière sauvegarde (fichier .iblagh-backup) avec votre phrase secrète :',
  'backup.damaged.step.aside':
    "Fermez l'application, puis renommez le dossier de la base endommagée (par exemple store en store-endommage) sans rien y supprimer.",
  'backup.damaged.step.restore': "Restaurez la sauvegarde dans le dossier d'origine, désormais absent : une restauration ne se fait que dans un dossier vide.",
  'backup.damaged.step.unlock': 'Relancez l’application : chaque profil déverrouille la base restaurée avec sa propre phrase secrète.',
  'backup.damaged.step.recovery':
    'Si plus aucune phrase secrète n’est connue, un superviseur restaure avec la clé de récupération imprimée et crée un nouveau profil superviseur :',
  'backup.damaged.placeholder.file': 'SAUVEGARDE.iblagh-backup',
  'backup.damaged.placeholder.folder': 'DOSSIER-DE-LA-BASE',
  'backup.damaged.placeholder.name': 'NOM',
  'backup.damaged.placeholder.key': 'CLE.txt',
} satisfies FrenchMessages;
