// Block Kit and mrkdwn, drawn roughly as Slack draws them: the subset Shipmate sends (header,
// section with text, fields and a button accessory, context, divider, actions with buttons and
// their confirm dialogs, image). A block it does not know is shown as such, never dropped.
'use strict';

window.BlockKit = (() => {
  const EMOJI = {
    white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', warning: '⚠️',
    rotating_light: '🚨', hourglass: '⌛', hourglass_flowing_sand: '⏳', rocket: '🚀',
    leftwards_arrow_with_hook: '↩️', arrows_counterclockwise: '🔄', raising_hand: '🙋',
    raised_hand: '✋', no_entry_sign: '🚫', no_entry: '⛔', new: '🆕', fast_forward: '⏩',
    double_vertical_bar: '⏸️', checkered_flag: '🏁', white_circle: '⚪',
    small_blue_diamond: '🔹', large_green_circle: '🟢', red_circle: '🔴', lock: '🔒',
    eyes: '👀', tada: '🎉', bulb: '💡', mag: '🔍', gear: '⚙️', clock1: '🕐', zzz: '💤',
  };

  function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
  }

  // Slack sends &, < and > as entities in mrkdwn; decode them once, then escape for HTML.
  function plain(text) {
    return escapeHtml(text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  }

  function link(inner) {
    const bar = inner.indexOf('|');
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? null : inner.slice(bar + 1);
    if (target.startsWith('@')) return `<span class="mention">@${plain(label || target.slice(1))}</span>`;
    if (target.startsWith('#')) return `<span class="mention">#${plain(label || target.slice(1))}</span>`;
    if (target.startsWith('!subteam^')) return `<span class="mention">@${plain(label || target.slice(9))}</span>`;
    if (target.startsWith('!date')) return plain(label || '');
    if (target.startsWith('!')) return `<span class="mention">@${plain(target.slice(1))}</span>`;
    return `<a href="${escapeHtml(target)}" target="_blank" rel="noopener">${plain(label || target)}</a>`;
  }

  function styled(html) {
    return html
      .replace(/(^|[^\w*])\*([^*\n]+)\*(?![\w*])/g, '$1<b>$2</b>')
      .replace(/(^|[^\w_])_([^_\n]+)_(?![\w_])/g, '$1<i>$2</i>')
      .replace(/(^|[^\w~])~([^~\n]+)~(?![\w~])/g, '$1<s>$2</s>')
      .replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] || all);
  }

  // Text outside code: links and mentions (<...>), then bold, italic, strike and emoji.
  function prose(text) {
    return text.split(/(<[^<>\n]+>)/).map((part, i) =>
      i % 2 === 1 ? link(part.slice(1, -1)) : styled(plain(part))).join('');
  }

  function inline(text) {
    return text.split(/(`[^`\n]+`)/).map((part, i) =>
      i % 2 === 1 ? `<code>${plain(part.slice(1, -1))}</code>` : prose(part)).join('');
  }

  function quoted(html) {
    const lines = html.split('\n');
    const out = [];
    let quote = [];
    const flush = () => {
      if (quote.length) out.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
      quote = [];
    };
    for (const line of lines) {
      if (line.startsWith('&gt; ') || line === '&gt;') quote.push(line.replace(/^&gt; ?/, ''));
      else { flush(); out.push(line + '<br>'); }
    }
    flush();
    return out.join('').replace(/<br>$/, '');
  }

  /** mrkdwn to HTML: ```pre```, `code`, *bold*, _italic_, ~strike~, <links>, > quotes, :emoji:. */
  function mrkdwn(text) {
    if (!text) return '';
    return text.split(/```/).map((part, i) =>
      i % 2 === 1
        ? `<pre>${plain(part.replace(/^\n/, ''))}</pre>`
        : quoted(part.split('\n').map(inline).join('\n'))).join('');
  }

  function textObject(object) {
    if (!object) return '';
    return object.type === 'mrkdwn' ? mrkdwn(object.text) : plain(object.text || '').replace(/\n/g, '<br>');
  }

  function element(tag, className, html) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (html !== undefined) node.innerHTML = html;
    return node;
  }

  function button(spec, onButton) {
    const node = element('button', 'bk-button' + (spec.style ? ' bk-' + spec.style : ''),
      plain(spec.text ? spec.text.text : spec.action_id));
    node.type = 'button';
    node.dataset.actionId = spec.action_id || '';
    node.addEventListener('click', () => onButton(spec, node));
    return node;
  }

  function unsupported(spec) {
    return element('span', 'bk-unsupported', `[${plain(spec.type)}: not drawn in the web view]`);
  }

  function actionElement(spec, onButton) {
    if (spec.type === 'button') return button(spec, onButton);
    if (spec.type === 'static_select' || spec.type === 'overflow') {
      const select = element('select', 'bk-select');
      select.disabled = true;
      select.title = 'Menus are not clickable in the web view';
      const placeholder = element('option', null, plain(spec.placeholder ? spec.placeholder.text : '…'));
      select.appendChild(placeholder);
      return select;
    }
    return unsupported(spec);
  }

  function block(spec, onButton) {
    switch (spec.type) {
      case 'header':
        return element('div', 'bk-header', textObject(spec.text));
      case 'divider':
        return element('hr', 'bk-divider');
      case 'section': {
        const node = element('div', 'bk-section');
        const main = element('div', 'bk-section-main');
        if (spec.text) main.appendChild(element('div', 'bk-text', textObject(spec.text)));
        if (spec.fields) {
          const fields = element('div', 'bk-fields');
          spec.fields.forEach(field => fields.appendChild(element('div', 'bk-field', textObject(field))));
          main.appendChild(fields);
        }
        node.appendChild(main);
        if (spec.accessory) {
          const accessory = element('div', 'bk-accessory');
          accessory.appendChild(spec.accessory.type === 'image'
            ? image(spec.accessory) : actionElement(spec.accessory, onButton));
          node.appendChild(accessory);
        }
        return node;
      }
      case 'context': {
        const node = element('div', 'bk-context');
        (spec.elements || []).forEach(part => node.appendChild(part.type === 'image'
          ? image(part, 'bk-context-image') : element('span', 'bk-context-text', textObject(part))));
        return node;
      }
      case 'actions': {
        const node = element('div', 'bk-actions');
        (spec.elements || []).forEach(part => node.appendChild(actionElement(part, onButton)));
        return node;
      }
      case 'image':
        return image(spec, 'bk-image');
      default:
        return unsupported(spec);
    }
  }

  function image(spec, className) {
    const node = element('img', className || 'bk-accessory-image');
    node.src = spec.image_url || '';
    node.alt = spec.alt_text || '';
    return node;
  }

  /** The message's blocks, or its text when it has none, as Slack shows a message. */
  function render(blocks, text, onButton) {
    const node = element('div', 'bk-blocks');
    if (blocks && blocks.length) {
      blocks.forEach(spec => node.appendChild(block(spec, onButton)));
    } else {
      node.appendChild(element('div', 'bk-text', mrkdwn(text || '')));
    }
    return node;
  }

  return { render, mrkdwn, plain, textObject };
})();
