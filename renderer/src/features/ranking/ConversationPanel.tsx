import { memo, useState } from 'react';
import type { Message } from '@shared/domain';
import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';

const ROLE_LABEL: Record<Message['role'], string> = { system: 'System', user: 'User', assistant: 'Assistant', tool: 'Tool' };

/** The prompt, or the whole conversation so far; earlier turns fold away so the last prompt stays in view. */
export const ConversationPanel = memo(function ConversationPanel({ conversation }: { conversation: Message[] }) {
  const [expanded, setExpanded] = useState(conversation.length <= 2);
  const [collapsed, setCollapsed] = useState(false);
  const shown = expanded ? conversation : conversation.slice(-1);
  return (
    <section className="conversation-panel" aria-label="Prompt">
      <header className="panel-header">
        <h2>{conversation.length > 1 ? `Conversation (${conversation.length} turns)` : 'Prompt'}</h2>
        {conversation.length > 1 && (
          <button type="button" className="link-button" onClick={() => setExpanded(!expanded)}>
            {expanded ? 'Show last turn only' : `Show all ${conversation.length} turns`}
          </button>
        )}
        <button type="button" className="link-button" aria-expanded={!collapsed} onClick={() => setCollapsed(!collapsed)}>
          {collapsed ? 'Show prompt' : 'Hide prompt'}
        </button>
      </header>
      {!collapsed && (
        <div className="conversation-turns">
          {shown.map((m, i) => (
            <div key={i} className={`message role-${m.role}`}>
              <div className="message-role">{ROLE_LABEL[m.role]}</div>
              <ModelMarkdown text={m.content} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
});
