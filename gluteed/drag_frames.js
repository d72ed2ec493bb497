// The page's side of gluteed.drag_frames.FrameStore: the dashboard's figure, and the
// pictures kept by the settings they show, put in place while a control moves.
//
// Every figure the kernel sends (the image widget's value, with the settings it was
// drawn for) and every picture it draws ahead (a custom message) is kept under its
// settings, once, as an object URL the browser has already decoded. When a control
// changes in the page, the kept picture of the new settings is shown at once, with its
// text alternative and readout; without one the page waits for the kernel as before.
// A picture from the kernel for settings the handle has already left is kept, but the
// picture of where the handle is now stays on screen.

// Numbers are compared to 1e-6: a slider may report 74.00000000000001 for 74.
const exact = (v) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v);

// How many kept pictures stay decoded (about 3 MB each in the browser's memory): a
// slider's whole range (the strength sliders have 101 positions, body mass 111).
const DECODED = 120;

// One state per dashboard (its figure's model id), shared by every view of it.
const states = new Map();

function makeState(model) {
  const names = model.get("names");
  const attrs = model.get("attrs");
  const limit = model.get("limit_bytes");
  const state = {
    store: new Map(), // settings key -> record; oldest first
    bytes: 0,
    image: null,
    readout: null,
    controls: [],
    shown: null, // the record on screen
    views: new Set(), // the <img> elements showing the figure
    own: false, // true while this code itself sets the readout
    off: [],
  };
  const keyOf = (settings) => JSON.stringify(names.map((n) => exact(settings[n])));
  const keyNow = () => JSON.stringify(state.controls.map((m, i) => exact(m.get(attrs[i]))));

  // Decoded now, shown later without waiting: the element holds the decoded picture
  // for the browser while the record keeps it.
  function decodedEarly(url) {
    const decoded = new Image();
    decoded.src = url;
    decoded.decode().catch(() => {});
    return decoded;
  }

  function keep(key, value, tooltip, readout) {
    let record = state.store.get(key);
    if (record) {
      state.store.delete(key); // kept already: only newer now
      record.tooltip = tooltip;
      if (readout !== undefined) record.readout = readout;
      if (!record.decoded) record.decoded = decodedEarly(record.url);
    } else {
      const url = URL.createObjectURL(new Blob([value], { type: "image/png" }));
      record = { key, url, decoded: decodedEarly(url), tooltip, readout };
      record.bytes = value.byteLength;
      state.bytes += record.bytes;
    }
    state.store.set(key, record);
    for (const [k, r] of state.store) {
      if (state.bytes <= limit) break;
      if (r === record || r === state.shown) continue;
      state.bytes -= r.bytes;
      state.store.delete(k);
      URL.revokeObjectURL(r.url);
    }
    // Only the newest DECODED stay decoded; the others are decoded when shown.
    let older = state.store.size - DECODED;
    for (const r of state.store.values()) {
      if (older-- <= 0) break;
      r.decoded = null;
    }
    return record;
  }

  function paint(record) {
    state.shown = record;
    for (const img of state.views) {
      if (img.src !== record.url) img.src = record.url;
      if (img.title !== record.tooltip) {
        img.title = record.tooltip;
        img.alt = record.tooltip;
      }
    }
    if (state.readout && record.readout !== undefined
        && state.readout.get("value") !== record.readout) {
      state.own = true;
      try {
        state.readout.set("value", record.readout);
      } finally {
        state.own = false;
      }
    }
  }

  // The picture for the controls as they are now, else the one given.
  function paintNow(fallback) {
    const now = state.store.get(keyNow());
    if (now) paint(now);
    else if (fallback) paint(fallback);
  }

  state.fromKernel = () => {
    const value = state.image.get("value");
    if (!value || !value.byteLength) return;
    const key = keyOf(state.image.get("settings") || {});
    paintNow(keep(key, value, state.image.get("tooltip")));
  };
  state.readoutFromKernel = () => {
    if (state.own) return;
    const drawn = state.store.get(keyOf(state.image.get("settings") || {}));
    if (drawn) drawn.readout = state.readout.get("value");
    if (state.shown && state.shown !== drawn) paint(state.shown);
  };
  state.moved = () => {
    const now = state.store.get(keyNow());
    if (now && now !== state.shown) paint(now);
  };
  state.drawnAhead = (msg, buffers) => {
    if (!msg || msg.kind !== "frame" || !buffers || !buffers.length) return;
    const record = keep(keyOf(msg.settings), buffers[0], msg.tooltip, msg.readout);
    if (record.key === keyNow() && record !== state.shown) paint(record);
    // The kernel sends the next only when this one is here: on a slow network the
    // pictures drawn ahead never pile up in front of the figure of the page's change.
    model.send({ kind: "kept" });
  };
  state.keptNow = () => state.store.has(keyNow());
  state.show = (img) => {
    state.views.add(img);
    if (state.shown) paint(state.shown);
  };
  return state;
}

// What an attribute's expected echo is set to while the page holds its change: no
// message has this id, so ipywidgets drops every echo of it as older than the page's.
const HELD = "held in the page";

// A click, or a key that is no slider key, anywhere in the page first sends every held
// change, so the kernel hears of a position before the Reset or the download that
// follows it.
const holding = new Set(); // the flush of every control that may hold a change
const SLIDER_KEYS = new Set([
  "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End",
]);
const flushAll = (event) => {
  if (event.type === "keydown" && SLIDER_KEYS.has(event.key)) return;
  holding.forEach((flush) => flush());
};
if (typeof document !== "undefined") {
  document.addEventListener("pointerdown", flushAll, true);
  document.addEventListener("keydown", flushAll, true);
}

// Whether a control's messages can still reach its kernel: not once the page's kernel
// connection is closed (Voila closes it as the page goes away), where sending a held change
// only logs "Cannot send". With a comm of another kind, ipywidgets' own mark decides.
const canSend = (control) => {
  const comm = control.comm && control.comm.jsServicesComm;
  if (!comm) return control.comm_live !== false;
  const kernel = comm._kernel || comm.kernel;
  return !comm.isDisposed && !(kernel && kernel.isDisposed);
};

// While the page shows a kept picture for a control's new position, the kernel hears of
// the change only once the control has rested for restMs (the store's `rest_ms`; the
// changes merged, the latest value wins); a change to a position without a kept picture
// goes at once, with any held before it. Each message to the kernel costs the page a
// round trip of work (in JupyterLab, more than the picture itself), so a drag over kept
// pictures sends one message instead of one per round trip.
//
// ipywidgets drops a kernel's echo of an older change only for changes it buffers
// itself; a held change is marked the same way (`_expectedEchoMsgIds`), so a late echo
// never sets the control back. A change the kernel itself makes (a case from the link)
// replaces the held one. Where ipywidgets has no such mark, nothing is held. Returns
// the undo.
function holdWhileKept(control, kept, restMs) {
  const echoes = control._expectedEchoMsgIds;
  if (!(echoes instanceof Map)) return () => {};
  const sync = control.sync;
  let held = null; // the attributes not sent yet
  let timer = null;
  const unmark = (names) => {
    const buffered = control._msg_buffer || {};
    for (const name of names) {
      if (echoes.get(name) === HELD && !Object.hasOwn(buffered, name)) echoes.delete(name);
    }
  };
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (!held) return;
    const attrs = held;
    held = null;
    if (canSend(control)) sync.call(control, "patch", control, { attrs });
    unmark(Object.keys(attrs)); // sent (or buffered by ipywidgets, which marks it), or dropped
  };
  const fromKernel = () => {
    if (!held || !control._state_lock) return;
    const names = Object.keys(control._state_lock).filter((n) => Object.hasOwn(held, n));
    names.forEach((name) => delete held[name]);
    unmark(names);
    if (!Object.keys(held).length) {
      clearTimeout(timer);
      held = null;
    }
  };
  control.on("change", fromKernel);
  holding.add(flush);
  control.sync = function (method, model, options = {}) {
    if (method !== "patch" || model !== control || !kept()) {
      flush();
      return sync.call(this, method, model, options);
    }
    held = Object.assign(held || {}, options.attrs);
    for (const name of Object.keys(options.attrs)) echoes.set(name, HELD);
    clearTimeout(timer);
    timer = setTimeout(flush, restMs);
    return undefined;
  };
  return () => {
    flush();
    control.sync = sync;
    control.off("change", fromKernel);
    holding.delete(flush);
  };
}

function initialize({ model }) {
  const state = makeState(model);
  states.set(model.get("image_id"), state);
  const manager = model.widget_manager;
  const ids = [model.get("image_id"), model.get("readout_id"), ...model.get("control_ids")];
  state.ready = Promise.all(ids.map((id) => manager.get_model(id))).then(
    ([image, readout, ...controls]) => {
      Object.assign(state, { image, readout, controls });
      state.fromKernel();
      image.on("change:value", state.fromKernel);
      readout.on("change:value", state.readoutFromKernel);
      state.off.push(() => image.off("change:value", state.fromKernel));
      state.off.push(() => readout.off("change:value", state.readoutFromKernel));
      const attrs = model.get("attrs");
      controls.forEach((m, i) => {
        m.on(`change:${attrs[i]}`, state.moved);
        state.off.push(() => m.off(`change:${attrs[i]}`, state.moved));
        state.off.push(holdWhileKept(m, state.keptNow, model.get("rest_ms")));
      });
      // This page keeps only what it got from now on: the kernel starts drawing ahead.
      model.send({ kind: "ready" });
    },
  );
  model.on("msg:custom", state.drawnAhead);
  return () => {
    model.off("msg:custom", state.drawnAhead);
    state.off.forEach((undo) => undo());
    for (const record of state.store.values()) URL.revokeObjectURL(record.url);
    states.delete(model.get("image_id"));
  };
}

function render({ model, el }) {
  const state = states.get(model.get("image_id"));
  const img = document.createElement("img");
  // The classes of an ipywidgets Image: the page's styles and tests find it so.
  img.className = "jupyter-widgets widget-image gluteed-figure-image";
  img.setAttribute("style", model.get("img_style"));
  el.appendChild(img);
  state.show(img);
  return () => state.views.delete(img);
}

export default { initialize, render };
