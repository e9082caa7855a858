import { Fragment } from 'react';
import { Kbd } from '../../ui/Kbd.js';
import { Modal } from '../../ui/Modal.js';
import type { ShortcutGroup } from '../keymap/shortcut-list.js';

/** The keyboard sheet that `?` opens. */
export function ShortcutSheet({ groups, onClose }: { groups: ShortcutGroup[]; onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" testId="shortcut-sheet" onClose={onClose} wide>
      <div className="sheet">
        {groups.map((group) => (
          <section key={group.title} className="sheet-group">
            <h3 className="sheet-title">{group.title}</h3>
            <dl className="sheet-list">
              {group.items.map((item) => (
                <Fragment key={item.action}>
                  <dt className="sheet-keys">
                    {item.keys.map((k) => (
                      <Kbd key={k}>{k}</Kbd>
                    ))}
                  </dt>
                  <dd className="sheet-action">{item.action}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
