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
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("./sw.js").catch((err) => console.warn("service worker not registered:", err));
  });
}
