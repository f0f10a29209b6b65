/** "Show logs around this time": a small menu at the clicked point of a chart. */
import { button, el } from './dom';

let menuTime = 0;

export function renderPointMenu(showLogs: (time: number) => void): HTMLElement {
  const menu = el('div', { id: 'pointMenu', class: 'point-menu', role: 'menu', hidden: '' });
  const show = button('Show logs around this time', 'showLogs', () => {
    menu.hidden = true;
    showLogs(menuTime);
  });
  const close = button('Close', 'closePointMenu', () => (menu.hidden = true));
  menu.append(el('span', { class: 'point-time' }), show, close);
  return menu;
}

export function openPointMenu(time: number, x: number, y: number): void {
  const menu = document.getElementById('pointMenu');
  if (!menu) {
    return;
  }
  menuTime = time;
  (menu.querySelector('.point-time') as HTMLElement).textContent = new Date(time).toLocaleString();
  menu.style.left = `${x}px`;
  menu.style.top = `${y}px`;
  menu.hidden = false;
}
