/**
 * Opens a stored PDF in the browser's print dialog: loaded into a hidden iframe (same page, so
 * no pop-up blocker), printed when it has loaded; a browser that cannot print an iframe's PDF
 * falls back to opening it in a new tab.
 */
export function printPdf(url: string) {
  const old = document.getElementById("print-frame");
  old?.remove();
  const frame = document.createElement("iframe");
  frame.id = "print-frame";
  frame.title = "Document to print";
  frame.style.position = "fixed";
  frame.style.width = "1px";
  frame.style.height = "1px";
  frame.style.opacity = "0";
  frame.style.right = "0";
  frame.style.bottom = "0";
  frame.src = url;
  frame.onload = () => {
    try {
      frame.contentWindow?.focus();
      frame.contentWindow?.print();
    } catch {
      window.open(url, "_blank", "noopener");
    }
  };
  document.body.appendChild(frame);
}
