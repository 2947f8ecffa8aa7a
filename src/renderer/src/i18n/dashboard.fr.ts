/** French messages of the dashboard feature (merged into the French reference dictionary). */
import type { FrenchMessages } from './translate.ts';

export const dashboardFr = {
  'nav.dashboard': 'Tableau de bord',

  'dashboard.intro': "Vue d'ensemble des signalements du poste : volumes, file à traiter, retards et contenus les plus signalés. Jours de Casablanca.",
  'dashboard.period': 'Période',
  'dashboard.period.7': '7 jours',
  'dashboard.period.30': '30 jours',
  'dashboard.period.90': '90 jours',
  'dashboard.generatedAt': 'Chiffres du {time}',
  'dashboard.updating': 'Actualisation…',
  'dashboard.listSeparator': ', ',

  'dashboard.figures': 'Chiffres clés',
  'dashboard.figure.total': 'Signalements',
  'dashboard.figure.totalHint': 'dans la base du poste',
  'dashboard.figure.open': 'Ouverts',
  'dashboard.figure.openHint': 'reçus ou en analyse',
  'dashboard.figure.overdue': 'En retard',
  'dashboard.figure.overdueHint': 'ouverts, délai de traitement dépassé',
  'dashboard.figure.danger': 'Danger imminent',
  'dashboard.figure.dangerHint': 'ouverts, danger imminent signalé',

  'dashboard.perDay.title': 'Signalements reçus par jour',
  'dashboard.perDay.subtitle': {
    one: 'Dernier jour, par catégorie',
    many: '{count} derniers jours, par catégorie',
    other: '{count} derniers jours, par catégorie',
  },
  'dashboard.perDay.summary': {
    one: 'Signalements reçus le dernier jour : {total}.',
    many: 'Signalements reçus sur les {count} derniers jours : {total} ; maximum journalier : {max} ({day}).',
    other: 'Signalements reçus sur les {count} derniers jours : {total} ; maximum journalier : {max} ({day}).',
  },
  'dashboard.perDay.summaryEmpty': {
    one: 'Aucun signalement reçu le dernier jour.',
    many: 'Aucun signalement reçu sur les {count} derniers jours.',
    other: 'Aucun signalement reçu sur les {count} derniers jours.',
  },
  'dashboard.perDay.caption': 'Signalements reçus par jour et par catégorie',
  'dashboard.perDay.axis': 'Signalements',
  'dashboard.perDay.tooltipTotal': 'Total : {total}',
  'dashboard.perDay.tooltipOthers': 'Autres catégories ({n}) : {count}',
  'dashboard.legend': 'Couleurs des catégories',

  'dashboard.backlog.title': 'Signalements par statut',
  'dashboard.backlog.subtitle': 'tous les signalements du poste ; en bleu, ceux qui restent à traiter',
  'dashboard.overdueByCategory.title': 'Retards par catégorie',
  'dashboard.overdueByCategory.subtitle': 'signalements ouverts dont le délai est dépassé',
  'dashboard.overdueByCategory.none': 'Aucun signalement en retard.',
  'dashboard.platform.title': 'Signalements par plateforme',
  'dashboard.region.title': 'Signalements par région',
  'dashboard.periodSubtitle': {
    one: 'reçus le dernier jour',
    many: 'reçus sur les {count} derniers jours',
    other: 'reçus sur les {count} derniers jours',
  },
  'dashboard.bar.summary': '{title} — {items}.',
  'dashboard.bar.empty': 'Aucune donnée.',

  'dashboard.col.day': 'Jour',
  'dashboard.col.total': 'Total',
  'dashboard.col.status': 'Statut',
  'dashboard.col.category': 'Catégorie',
  'dashboard.col.platform': 'Plateforme',
  'dashboard.col.region': 'Région',
  'dashboard.col.count': 'Signalements',

  'dashboard.status.claimed_other': 'En analyse sur un autre poste',
  'dashboard.region.none': 'Hors Maroc ou non précisée',

  'dashboard.clusters.title': 'Contenus les plus signalés',
  'dashboard.clusters.intro': 'Groupes de signalements qui visent le même contenu, du plus grand au plus petit.',
  'dashboard.clusters.caption': 'Groupes de signalements visant le même contenu',
  'dashboard.clusters.col.size': 'Signalements',
  'dashboard.clusters.col.key': 'Contenu visé',
  'dashboard.clusters.col.platform': 'Plateforme',
  'dashboard.clusters.col.category': 'Catégorie',
  'dashboard.clusters.col.sample': 'Exemple',
  'dashboard.clusters.col.actions': 'Actions',
  'dashboard.clusters.open': 'Voir dans la file',
  'dashboard.clusters.openNamed': 'Voir dans la file le groupe du signalement {id}',
  'dashboard.clusters.empty': "Aucun groupe de signalements pour l'instant : chaque contenu n'a été signalé qu'une fois.",

  'dashboard.emptyTitle': 'Les indicateurs apparaîtront ici',
  'dashboard.emptyBody': "Aucun signalement pour l'instant — configurez le service d'intake dans Paramètres, puis synchronisez.",
  'dashboard.emptyMore':
    'Les graphiques se remplissent dès la première synchronisation. Pour découvrir le poste, un superviseur peut aussi démarrer le mode démonstration dans Paramètres : il fournit des signalements fictifs, marqués DÉMO.',
  'dashboard.toSettings': "Voir l'état du service d'intake",
} satisfies FrenchMessages;
