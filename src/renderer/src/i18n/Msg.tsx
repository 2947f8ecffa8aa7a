/**
 * A translated message whose {params} are React nodes, for messages that
 * embed data (a name in <bdi>, a <time>): the data stays an element, never
 * concatenated into the sentence's text. A plural message takes its form from
 * `count` (which its text may show as {count}).
 */
import { Fragment, type ReactNode } from 'react';
import { splitMessage, useI18n, type MessageKey } from './index.ts';

interface MsgProps {
  readonly id: MessageKey;
  readonly params: Readonly<Record<string, ReactNode>>;
  readonly count?: number;
}

export function Msg({ id, params, count }: MsgProps): ReactNode {
  const { t } = useI18n();
  return splitMessage(t(id, count === undefined ? undefined : { count })).map((part, index) => (
    <Fragment key={index}>{index % 2 === 0 ? part : (params[part] ?? `{${part}}`)}</Fragment>
  ));
}
