// Registers the service worker (offline use) and tells the user when a new
// deploy has taken over, so they can reload into it.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!hadController || document.querySelector("[data-testid=update-notice]")) return;
    const note = document.createElement("div");
    note.className = "update-notice";
    note.setAttribute("role", "status");
    note.dataset.testid = "update-notice";
    note.textContent = "A new version of headroom is available. ";
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload";
    reload.addEventListener("click", () => location.reload());
    note.append(reload);
    document.body.append(note);
  });
  // Install (which downloads the whole bundle into the cache) only once
  // the app has painted and the page is idle, so it never competes with
  // the first render; the page is blank until the app paints, so its
  // first contentful paint is the app's.
  let started = false;
  const register = () => {
    if (started) return;
    started = true;
    navigator.serviceWorker.register("./sw.js").catch((err) => console.warn("service worker not registered:", err));
  };
  const whenIdle = () => ("requestIdleCallback" in window ? requestIdleCallback(register, { timeout: 2000 }) : setTimeout(register, 200));
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName("first-contentful-paint").length > 0) {
        observer.disconnect();
        whenIdle();
      }
    }).observe({ type: "paint", buffered: true });
  } catch (err) {
    window.addEventListener("load", whenIdle);
  }
  // Whatever happens to paint timing, register within a few seconds.
  setTimeout(register, 5000);
}
