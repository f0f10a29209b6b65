/** Browser entry of the metrics panel. */
import { HostConnection } from '../common/host';

type Never = { type: never };
const isNothing = (_value: unknown): _value is Never => false;

const status = document.getElementById('status');
const host = new HostConnection<Never, Never>(isNothing, (message) => {
  if (message.type === 'themeChanged') {
    document.body.dataset.theme = message.kind;
  }
});
if (status) {
  status.textContent = 'Waiting for data…';
}
host.ready();
