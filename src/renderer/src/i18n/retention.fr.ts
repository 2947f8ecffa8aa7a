/** French messages of the retention settings (law 09-08). */
import type { FrenchMessages } from './translate.ts';

export const retentionFr = {
  'retention.title': 'Durées de conservation (loi 09-08)',
  'retention.intro':
    'Les données personnelles ne sont gardées que le temps nécessaire. Un signalement est « clos » quand son statut est définitif (transmis, classé sans suite ou doublon), depuis la date de ce statut. Un signalement tenu par un dossier encore en cours n’est jamais touché. Champ vide : règle désactivée (par défaut, rien n’est supprimé).',
  'retention.identityMonths': 'Effacer l’identité du signalant des signalements clos depuis plus de (mois)',
  'retention.identityHint': 'Le signalement reste ; son original signé perd l’identité, son empreinte SHA-256 et sa signature sont gardées.',
  'retention.purgeMonths': 'Supprimer les signalements clos depuis plus de (mois)',
  'retention.purgeHint': 'Doit dépasser le délai d’effacement de l’identité. Les preuves d’un signalement partent avec lui.',
  'retention.caseMonths': 'Supprimer les dossiers transmis ou clos depuis plus de (mois)',
  'retention.caseHint': 'Seulement quand tous leurs signalements sont supprimés par la règle précédente ; notes, historique, versions du dossier de transmission et preuves partent avec eux.',
  'retention.range': 'Un nombre entier de mois, de 1 à 600, ou vide.',
  'retention.order': 'La suppression doit venir après l’effacement de l’identité.',
  'retention.needsPurge': 'Les dossiers ne sont supprimés qu’avec leurs signalements : fixez d’abord la règle des signalements.',
  'retention.save': 'Enregistrer les règles',
  'retention.saved': 'Règles enregistrées.',
  'retention.preview': 'Prévisualiser',
  'retention.previewTitle': 'Ce que l’application des règles supprimerait maintenant',
  'retention.previewNone': 'Aucune règle n’est fixée : rien ne serait supprimé.',
  'retention.kind': 'Élément',
  'retention.count': 'Nombre',
  'retention.oldest': 'Le plus ancien',
  'retention.newest': 'Le plus récent',
  'retention.kind.identities': 'Identités de signalants à effacer',
  'retention.kind.reports': 'Signalements à supprimer',
  'retention.kind.cases': 'Dossiers à supprimer',
  'retention.kind.evidence': 'Preuves à supprimer',
  'retention.held': 'Signalements clos gardés parce qu’un dossier conservé les tient : {n}',
  'retention.apply': 'Appliquer maintenant…',
  'retention.confirmTitle': 'Appliquer les durées de conservation',
  'retention.confirmBody':
    'Cette opération est définitive : les identités effacées et les éléments supprimés ne peuvent pas être récupérés. Elle est inscrite au journal avec les nombres seulement. La base est ensuite compactée.',
  'retention.confirm': 'Effacer et supprimer définitivement',
  'retention.cancel': 'Annuler',
  'retention.done':
    'Conservation appliquée : identités effacées {identities}, signalements supprimés {reports}, dossiers supprimés {cases}, preuves supprimées {evidence}.',
  'retention.compacted': 'La base a été compactée : rien de ce qui a été supprimé ne reste dans ses fichiers.',
  'retention.notCompacted': 'La base n’a pas pu être compactée (une synchronisation l’occupait) : les données supprimées sont déjà remplacées par des zéros ; appliquez à nouveau plus tard pour compacter.',
} as const satisfies FrenchMessages;
