;;; emacs-driver.el --- the user's path through eglot, for the editor tier  -*- lexical-binding: t -*-
;;
;; Loaded by `emacs --batch' after the README's configuration and the visit
;; of a single-phase C module.  It waits for the server and its warning, puts
;; point at the START of the PyModule_Create line, runs
;; `M-x eglot-code-actions', picks the conversion, waits for the warning to
;; clear and saves; what it saw goes to $MULTIPHASE_EDITOR_RESULT as JSON for
;; the mocha test to judge.  Waits are bounded only to end a hang.
(require 'cl-lib)
(require 'json)

(defvar multiphase-driver--result (list :emacs emacs-version))
(defvar multiphase-driver--timeout
  (/ (string-to-number (or (getenv "MULTIPHASE_EDITOR_TIMEOUT_MS") "120000")) 1000.0))

(defun multiphase-driver--put (key value)
  (setq multiphase-driver--result (plist-put multiphase-driver--result key value)))

(defun multiphase-driver--diagnostics ()
  "The rule codes of this buffer's flymake diagnostics, read from their
texts (\"multiphase [code]: message\") as `M-x flymake-show-buffer-diagnostics' shows them."
  (mapcar (lambda (diagnostic)
            (let ((text (flymake-diagnostic-text diagnostic)))
              (if (string-match "\\[\\([a-z-]+\\)\\]" text) (match-string 1 text) text)))
          (flymake-diagnostics)))

(defun multiphase-driver--flagged ()
  (member "single-phase-init" (multiphase-driver--diagnostics)))

(defun multiphase-driver--wait (what condition)
  ;; Batch Emacs has no command loop and no redisplay: run the hooks they
  ;; run (`eglot-ensure' connects from `post-command-hook'; flymake starts
  ;; from it or, for a buffer not yet shown, when a window shows it), then
  ;; let timers and the server's output in.
  (let ((deadline (+ (float-time) multiphase-driver--timeout)))
    (while (not (funcall condition))
      (when (> (float-time) deadline) (error "timed out waiting for %s" what))
      (run-hooks 'post-command-hook 'window-configuration-change-hook)
      (accept-process-output nil 0.05))))

(defun multiphase-driver--run ()
  ;; The visited file is what the user looks at.
  (set-window-buffer (selected-window) (current-buffer))
  (multiphase-driver--wait "eglot to manage the buffer" (lambda () (bound-and-true-p eglot--managed-mode)))
  (multiphase-driver--put :attached (vector (plist-get (eglot--server-info (eglot-current-server)) :name)))
  (multiphase-driver--wait "the single-phase-init diagnostic" #'multiphase-driver--flagged)
  (multiphase-driver--put :before (vconcat (multiphase-driver--diagnostics)))
  (goto-char (point-min))
  (search-forward "PyModule_Create(")
  (beginning-of-line)
  (multiphase-driver--put :cursor (vector (line-number-at-pos) (current-column)))
  (let ((tick (buffer-modified-tick))
        (offered nil)
        ;; Invoked from the keyboard, not a mouse menu.
        (last-nonmenu-event ?\r))
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt collection &rest _)
                 (setq offered (mapcar #'car collection))
                 (cl-find-if (lambda (title) (string-match-p "\\`Convert .* to multi-phase" title)) offered))))
      (condition-case err
          (call-interactively #'eglot-code-actions)
        (error (multiphase-driver--put :message (error-message-string err)))))
    (multiphase-driver--put :offered (vconcat offered))
    (unless offered (error "no code action menu"))
    (multiphase-driver--wait "the conversion to edit the buffer" (lambda () (/= tick (buffer-modified-tick)))))
  ;; Saved as a user would. (Batch Emacs is never idle, so eglot's didChange,
  ;; sent after `eglot-send-changes-idle-time' of idleness, goes out with
  ;; the save's didSave instead.)
  (save-buffer)
  (multiphase-driver--wait "the single-phase-init diagnostic to clear" (lambda () (not (multiphase-driver--flagged))))
  (multiphase-driver--put :after (vconcat (multiphase-driver--diagnostics))))

(condition-case err
    (multiphase-driver--run)
  (error (multiphase-driver--put :error (error-message-string err))))
(with-temp-file (getenv "MULTIPHASE_EDITOR_RESULT")
  (insert (json-encode multiphase-driver--result)))
(kill-emacs 0)
