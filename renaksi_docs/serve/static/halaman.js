// The page's behaviour: choose or drop workbooks (and the images they name), check them
// (POST /api/validate), build the documents (POST /api/build) with progress, download the
// result. Images go with every request as more `berkas` parts. No build step, no library.
"use strict";

(function () {
  const form = document.getElementById("formulir");
  const input = document.getElementById("berkas");
  const imageInput = document.getElementById("gambar");
  const imageList = document.getElementById("daftar-gambar");
  const dropZone = document.getElementById("tempat-lepas");
  const checked = document.getElementById("hasil-periksa");
  const built = document.getElementById("hasil-buat");
  const next = document.getElementById("berikutnya-teks");
  const button = document.getElementById("buat");
  const progress = document.getElementById("kemajuan");
  const bar = document.getElementById("bilah");
  const progressText = document.getElementById("kemajuan-teks");
  const defaultQuarter = document.getElementById("triwulan-bawaan");
  // "", I, II, III, IV: the quarter select's values as the server rendered them (model.ROMAN)
  const roman = Array.from(document.getElementById("triwulan").options, (o) => o.value);
  let chosen = [];
  let images = [];
  let checkedResults = [];
  let lastUrl = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => node.setAttribute(key, value));
    children.forEach((child) => node.append(child));
    return node;
  }

  function say(text) {
    next.textContent = text;
  }

  function message(container, kind, text) {
    container.replaceChildren(el("p", { class: "pesan " + kind }, text));
  }

  function problemsTable(problems) {
    const head = el("tr", {}, el("th", {}, "Lembar"), el("th", {}, "Sel"),
      el("th", {}, "Pesan"), el("th", {}, "Jenis"));
    const rows = problems.map((p) => el("tr", { class: p.jenis },
      el("td", {}, p.lembar || "—"), el("td", { class: "sel" }, p.sel || "—"),
      el("td", {}, p.pesan), el("td", {}, el("span", { class: "lencana " + p.jenis }, p.jenis))));
    return el("table", { class: "masalah" }, el("thead", {}, head), el("tbody", {}, ...rows));
  }

  function fileCard(result) {
    let status;
    if (result.galat) {
      status = el("span", { class: "lencana galat" }, result.galat + " galat");
    } else {
      status = el("span", { class: "lencana ok" }, "Tidak ada galat");
    }
    const title = el("h3", {}, result.nama + " ", status);
    if (result.peringatan) {
      title.append(" ", el("span", { class: "lencana peringatan" },
        result.peringatan + " peringatan"));
    }
    const card = el("div", { class: "kartu" }, title);
    if (result.unit) {
      const quarter = result.triwulan ? ", triwulan " + roman[result.triwulan]
        : ", triwulan belum diisi (dokumen awal tahun)";
      card.append(el("p", { class: "kecil" }, result.unit + " — tahun " + result.tahun + quarter));
    }
    if (result.masalah && result.masalah.length) {
      card.append(problemsTable(result.masalah));
    }
    return card;
  }

  function showResults(container, results) {
    container.replaceChildren(...results.map(fileCard));
  }

  function isImage(file) {
    return /\.(png|jpe?g|gif|bmp)$/i.test(file.name);
  }

  function showImages() {
    imageList.hidden = !images.length;
    imageList.textContent = images.length
      ? "Gambar yang ikut dikirim: " + images.map((file) => file.name).join(", ") : "";
  }

  function addImages(files) {
    files.forEach((file) => {
      const key = file.name.toLowerCase();
      images = images.filter((known) => known.name.toLowerCase() !== key).concat([file]);
    });
    showImages();
  }

  function choose(files) {
    const all = Array.from(files);
    const pictures = all.filter(isImage);
    const workbooks = all.filter((file) => !isImage(file));
    addImages(pictures);
    if (!workbooks.length && chosen.length) {
      checkedResults = [];
      built.replaceChildren();
      check();
      return;
    }
    chosen = workbooks;
    checkedResults = [];
    built.replaceChildren();
    if (!chosen.length) {
      checked.replaceChildren();
      say("pilih workbook .xlsx Anda di langkah 2.");
      return;
    }
    check();
  }

  function formData(withChoices) {
    const data = withChoices ? new FormData(form) : new FormData();
    data.delete("berkas");
    chosen.forEach((file) => data.append("berkas", file, file.name));
    images.forEach((file) => data.append("berkas", file, file.name));
    return data;
  }

  async function check() {
    const count = chosen.length;
    message(checked, "info", "Memeriksa " + count + " workbook…");
    say("tunggu sebentar, workbook sedang diperiksa.");
    let answer;
    try {
      const response = await fetch("api/validate", { method: "POST", body: formData(false) });
      answer = await response.json();
      if (!response.ok) {
        message(checked, "galat", answer.pesan);
        say("perbaiki hal di atas, lalu pilih berkasnya lagi.");
        return;
      }
    } catch (error) {
      message(checked, "galat", "Server tidak dapat dihubungi. Periksa bahwa server masih " +
        "berjalan, lalu pilih berkasnya lagi.");
      return;
    }
    checkedResults = answer.berkas;
    showResults(checked, answer.berkas);
    const quarters = new Set(answer.berkas.map((r) => r.triwulan));
    defaultQuarter.textContent = quarters.size === 1 && answer.berkas[0].triwulan
      ? "Sesuai isian workbook (Triwulan " + roman[answer.berkas[0].triwulan] + ")"
      : "Sesuai isian workbook";
    const bad = answer.berkas.filter((r) => r.galat).length;
    if (bad) {
      const which = answer.berkas.length > 1
        ? " (" + bad + " dari " + answer.berkas.length + " workbook masih ada galat)" : "";
      say("perbaiki sel yang disebut di tabel" + which + " di Excel, simpan workbook, lalu " +
        "pilih berkasnya lagi.");
    } else {
      say("pilih triwulan, dokumen dan format di langkah 3, lalu klik Buat dokumen.");
    }
  }

  function fileName(response) {
    const header = response.getResponseHeader("Content-Disposition") || "";
    const match = /filename\*=UTF-8''([^;]+)/i.exec(header) || /filename="?([^";]+)"?/i.exec(header);
    return match ? decodeURIComponent(match[1]) : "dokumen";
  }

  function finished(request, started) {
    clearInterval(started.timer);
    progress.hidden = true;
    button.disabled = false;
    button.textContent = "Buat dokumen";
    if (request.status === 200) {
      const name = fileName(request);
      if (lastUrl) URL.revokeObjectURL(lastUrl);
      lastUrl = URL.createObjectURL(request.response);
      const link = el("a", { href: lastUrl, download: name, class: "tombol kedua", id: "unduh-hasil" },
        "Unduh lagi: " + name);
      built.replaceChildren(
        el("p", { class: "pesan ok" }, "Selesai. " + name + " sudah diunduh ke folder Unduhan."),
        link);
      link.click();
      const opener = name.endsWith(".pdf") ? "buka PDF-nya" : name.endsWith(".zip")
        ? "ekstrak .zip-nya, buka setiap dokumen" : "buka dokumennya di Word";
      say(opener + ", periksa isinya, lalu cetak atau unggah dan mintakan tanda tangan. Untuk " +
        "triwulan berikutnya, perbarui workbook yang sama lalu kembali ke sini.");
      return;
    }
    request.response.text().then((text) => {
      let answer;
      try {
        answer = JSON.parse(text);
      } catch (error) {
        answer = { pesan: "Server menjawab " + request.status + ". Coba lagi." };
      }
      message(built, "galat", answer.pesan);
      if (answer.berkas) {
        built.append(...answer.berkas.filter((r) => !r.ok).map(fileCard));
        say("perbaiki sel yang disebut di tabel (di Excel), simpan, pilih berkasnya lagi, " +
          "lalu klik Buat dokumen.");
      } else {
        say("ikuti pesan di langkah 4, lalu klik Buat dokumen lagi.");
      }
    });
  }

  function build(event) {
    event.preventDefault();
    if (!chosen.length) {
      message(built, "galat", "Belum ada workbook. Pilih berkas .xlsx di langkah 2 dulu.");
      say("pilih workbook .xlsx Anda di langkah 2.");
      return;
    }
    const noQuarter = checkedResults.filter((r) => r.ok && !r.triwulan);
    const measured = ["pengukuran", "semua"].includes(form.elements.dokumen.value);
    if (measured && !form.elements.triwulan.value &&
        noQuarter.length) {
      message(built, "galat", "Pengukuran Kinerja perlu triwulan pelaporan, dan " +
        noQuarter.map((r) => r.nama).join(", ") + " belum mengisi Triwulan. Pilih triwulan " +
        "di langkah 3, lalu klik Buat dokumen lagi.");
      say("pilih triwulan di langkah 3, lalu klik Buat dokumen.");
      form.elements.triwulan.focus();
      return;
    }
    const request = new XMLHttpRequest();
    const started = { at: Date.now(), timer: null };
    request.open("POST", "api/build");
    request.responseType = "blob";
    button.disabled = true;
    button.textContent = "Sedang membuat…";
    progress.hidden = false;
    built.replaceChildren();
    bar.value = 0;
    progressText.textContent = "Mengirim workbook… 0%";
    say("tunggu; dokumen sedang dibuat. Jangan tutup halaman ini.");
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        bar.value = Math.round((100 * e.loaded) / e.total);
        progressText.textContent = "Mengirim workbook… " + bar.value + "%";
      }
    };
    request.upload.onload = () => {
      bar.removeAttribute("value");
      const pdf = form.elements.format.value === "pdf";
      const what = chosen.length > 1 ? chosen.length + " dokumen" : "dokumen";
      const tick = () => {
        const seconds = Math.round((Date.now() - started.at) / 1000);
        progressText.textContent = "Membuat " + what + (pdf ? " PDF" : "") + "… " +
          seconds + " detik" + (pdf ? " (PDF butuh beberapa detik per dokumen)" : "");
      };
      tick();
      started.timer = setInterval(tick, 1000);
    };
    request.onload = () => finished(request, started);
    request.onerror = () => {
      clearInterval(started.timer);
      progress.hidden = true;
      button.disabled = false;
      button.textContent = "Buat dokumen";
      message(built, "galat", "Sambungan ke server terputus. Periksa bahwa server masih " +
        "berjalan, lalu klik Buat dokumen lagi.");
    };
    request.send(formData(true));
  }

  input.addEventListener("change", () => choose(input.files));
  imageInput.addEventListener("change", () => choose(imageInput.files));
  ["dragenter", "dragover"].forEach((name) => dropZone.addEventListener(name, (e) => {
    e.preventDefault();
    dropZone.classList.add("aktif");
  }));
  ["dragleave", "drop"].forEach((name) => dropZone.addEventListener(name, () => {
    dropZone.classList.remove("aktif");
  }));
  dropZone.addEventListener("drop", (e) => {
    e.preventDefault();
    choose(e.dataTransfer.files);
  });
  form.addEventListener("submit", build);
})();
