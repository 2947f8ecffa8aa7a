/** French messages of the shell and what every screen shares: application, navigation, languages, roles, common words, durations, the demo marking, the cases placeholder. */
import type { FrenchMessages } from './translate.ts';

export const shellFr = {
  'app.name': 'Iblagh Workstation',
  'app.tagline': 'Poste de triage des signalements de contenus illicites en ligne',
  'app.loading': 'Chargement…',
  'app.unreachable.title': 'Les services du poste ne répondent pas',
  'app.unreachable.body': "L'interface n'a pas pu lire l'état du poste. Vérifiez que l'application est toujours ouverte, puis réessayez.",

  'noBridge.title': "Page ouverte hors de l'application",
  'noBridge.body':
    "Cette page ne fonctionne qu'à l'intérieur d'Iblagh Workstation : elle n'a aucun accès à la base chiffrée lorsqu'elle est ouverte directement dans un navigateur.",
  'noBridge.howTo':
    "Lancez l'application, ou, pour les essais, ouvrez l'adresse complète (avec son jeton {token}) affichée par la commande {command}.",

  'common.retry': 'Réessayer',
  'common.cancel': 'Annuler',
  'common.loading': 'Chargement…',
  // Referring reports another workstation has in analysis (a dossier's export, a case marked referred).
  'common.heldReferredToo': {
    one: '{count} de ces signalements est pris en charge par un autre poste ({stations}) : il sera transmis lui aussi.',
    many: '{count} de ces signalements sont pris en charge par un autre poste ({stations}) : ils seront transmis eux aussi.',
    other: '{count} de ces signalements sont pris en charge par un autre poste ({stations}) : ils seront transmis eux aussi.',
  },
  'common.none': '—',
  'common.yes': 'oui',
  'common.no': 'non',
  'common.pair': '{label} : {value}',
  'common.technicalDetail': 'Détail technique',
  'common.key.escape': 'Échap',
  'common.key.enter': 'Entrée',
  'common.key.space': 'Espace',
  'common.key.home': 'Début',
  'common.key.end': 'Fin',
  'common.key.pageUp': 'Pg préc.',
  'common.key.pageDown': 'Pg suiv.',
  'common.key.shift': 'Maj',
  'common.key.ctrl': 'Ctrl',
  'common.shownOf': 'Affichés : {shown} sur {total}',
  'common.refresh': 'Actualiser',

  'time.underSecond': "moins d'une seconde",
  'time.seconds': '{s} s',
  'time.minutesSeconds': '{m} min {s} s',
  'time.hoursMinutes': '{h} h {m} min',
  'time.minutes': {
    one: '{count} min',
    many: '{count} min',
    other: '{count} min',
  },
  'time.hours': {
    one: '{count} h',
    many: '{count} h',
    other: '{count} h',
  },
  'time.days': {
    one: '{count} j',
    many: '{count} j',
    other: '{count} j',
  },

  'demo.flag': 'DÉMO — données fictives',
  'demo.flagTitle':
    "Ce poste est relié au service d'intake de démonstration intégré : tous les signalements affichés sont générés et fictifs.",
  'demo.badge': 'DÉMO',
  'demo.badgeTitle': 'Signalement fictif, généré par le service de démonstration',

  'lang.switch': "Langue de l'interface",
  'lang.name.fr': 'Français',
  'lang.name.ar': 'العربية',
  'lang.short.fr': 'FR',
  'lang.short.ar': 'ع',

  'role.analyst': 'Analyste',
  'role.supervisor': 'Superviseur',
  'status.active': 'Actif',
  'status.disabled': 'Désactivé',

  'shell.skip': 'Aller au contenu',
  'shell.nav': 'Navigation principale',
  'shell.navCollapse': 'Réduire la navigation',
  'shell.navExpand': 'Déplier la navigation',
  'shell.user': 'Analyste connecté',
  'shell.lock': 'Verrouiller',
  'shell.lockTitle': 'Verrouiller le poste maintenant (la base chiffrée est refermée)',
  'shell.shortcut': 'Alt+{n}',

  'nav.queue': 'File des signalements',
  'nav.cases': 'Dossiers',
  'nav.sync': 'Synchronisation',
  'nav.audit': "Journal d'audit",
  'nav.settings': 'Paramètres',

  'cases.emptyTitle': 'Aucun dossier',
  'cases.emptyBody':
    'Les dossiers regroupent les signalements liés à une même affaire. Ils se créent depuis la file des signalements, une fois des signalements reçus par synchronisation.',
  'cases.toQueue': 'Ouvrir la file',
} satisfies FrenchMessages;
