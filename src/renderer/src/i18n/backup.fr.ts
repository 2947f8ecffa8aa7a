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
  'backup.settings.title': 'Sauvegardes',
  'backup.settings.intro':
    "Une sauvegarde est un seul fichier chiffré, ouvert par la phrase secrète de chaque profil ou par la clé de récupération, quand plus aucune phrase secrète n'est connue. Sans clé de récupération, aucune sauvegarde n'est faite.",
  'backup.settings.current': 'Clé de récupération en service (empreinte)',
  'backup.settings.none': 'Aucune : générez-la avant la première sauvegarde.',
  'backup.settings.generate': 'Générer la clé de récupération',
  'backup.settings.replace': 'Remplacer la clé de récupération…',
  'backup.settings.confirmReplace': 'Confirmer le remplacement',
  'backup.settings.cancel': 'Annuler',
  'backup.settings.replaceWarning':
    "La nouvelle clé ouvrira les sauvegardes faites à partir de maintenant ; les sauvegardes plus anciennes resteront liées à l'ancienne clé. Gardez-la aussi.",
  'backup.settings.shownOnce':
    'Clé de récupération, affichée une seule fois : recopiez-la ou imprimez-la maintenant et rangez-la dans un coffre. Elle ne sera plus jamais affichée.',
  'backup.settings.fingerprint': 'Empreinte : {fingerprint}',
  'backup.settings.written': "C'est noté",
  'backup.settings.commands': 'Les sauvegardes se font, se vérifient et se restaurent en ligne de commande (iblagh-ws backup create, verify, restore) :',
} satisfies FrenchMessages;
