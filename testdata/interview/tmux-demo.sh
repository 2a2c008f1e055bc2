#!/bin/bash
# Drives `postmortem new` full-screen in tmux, a field at a time, and
# captures the screen; the README transcript comes from this run.
# Needs tmux and postmortem on PATH. Keys are paced: huh moves focus
# asynchronously, so keys typed faster than a person lands in the
# previous field.
S=pmdemo
t() { tmux send-keys -t $S -l "$1"; sleep 0.15; }
k() { for x in "$@"; do tmux send-keys -t $S "$x"; sleep 0.2; done; }
rm -rf /tmp/demo && mkdir -p /tmp/demo
tmux kill-session -t $S 2>/dev/null
tmux new -d -s $S -x 110 -y 50 -c /tmp/demo "bash --norc"
tmux send-keys -t $S "export PS1='$ ' SOURCE_DATE_EPOCH=1733356800; clear" Enter; sleep 0.5
tmux send-keys -t $S "postmortem new" Enter; sleep 1.5
t "Checkout payments fail"; k Enter Down Down Enter; t "Ana Lima"; k Enter C-u; t "2024-12-04"; k Enter; sleep 0.6
t "Card payments failed for 13 minutes after a bad config push."; k Enter; sleep 0.6
t "The checkout error-rate alert paged the on-call."; k Enter; sleep 0.6
k Enter Enter; t "All customers paying by card"; k Enter; t "4"; k Enter; t "0"; k Enter; t "Customers could not pay by card."; k Enter; sleep 0.6
t "19:34"; k Enter; t "Config push; card payments start failing"; k Enter; t "started"; k Enter; sleep 0.6; k y; sleep 0.6
t "19:36"; k Enter; t "Error-rate alert pages on-call"; k Enter; t "detected"; k Enter; sleep 0.6; k y; sleep 0.6
t "19:30"; k Enter; sleep 0.5; tmux capture-pane -t $S -p > /tmp/demo/pane-order.txt; k C-u
t "19:38"; k Enter; t "On-call acknowledges, starts rollback"; k Enter; t "acknowledged"; k Enter; sleep 0.6; k y; sleep 0.6
t "19:47"; k Enter; t "Rollback done; payments succeed"; k Enter; t "resolved"; k Enter; sleep 0.6; k n; sleep 0.6
t "Ana, on call, acknowledged at 19:38 and rolled back."; k Enter; sleep 0.6
t "A config push disabled the card gateway's retry setting."; k Enter; sleep 0.6
t "Rolled back the config push."; k Enter; sleep 0.6
t "Validate gateway config in CI before pushing."; k Enter; sleep 0.6
k y; sleep 0.6; t "Add a CI check for gateway config"; k Enter; t "Ana Lima"; k Enter; t "2024-12-11"; k Enter; t "PAY-142"; k Enter; sleep 0.6; k n; sleep 1
tmux capture-pane -t $S -p -S -200 > /tmp/demo/pane-review.txt
k Enter; sleep 1
tmux capture-pane -t $S -p -S -300 > /tmp/demo/pane-end.txt
