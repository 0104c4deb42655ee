// Realistic Chandy-Lamport bugs, each a text edit of the reference, each with the scenario
// that surely catches it and the reason it must give (harness/mutants.ts). "Surely" rests
// on the workload's snapshot schedule (workload.ts): before every snapshot the judge pays
// tokens to the node it is about to start the snapshot at, and that node pays a peer right
// after it recorded; so on delayed links the first tokens are still on their way (a delay of
// at least 200 ms) when the node records, and every snapshot has a transfer right after a
// recording.
import type { Mutant } from "../../harness/mutants.ts";

const SNAPSHOT_REASON = "^(conservation|channel states|recorded balances): ";

export const mutants: Mutant[] = [
  {
    // The primed tokens are in flight toward the starting node when it records (delayed_links
    // delays every peer call by 200 ms or more; the start comes a few ms after the payment was
    // acknowledged), so their number lies between what it had applied and the marker: the
    // channel must hold them, and this node records every channel empty.
    name: "channel-recorded-at-recording",
    description:
      "Takes each incoming channel's state the moment the node records its own, as if every marker had come then: tokens still on their way are in no snapshot.",
    expectScenario: "delayed_links",
    expectReason: SNAPSHOT_REASON,
    edits: [
      {
        file: "snapshot-node.ts",
        find: "        markerSequence: null,\n        messages: [],",
        replace: "        markerSequence: 0,\n        messages: [],",
      },
    ],
  },
  {
    // As above: the primed tokens are in some channel's state of every snapshot; this node
    // waits for the markers but never keeps what arrived before them.
    name: "in-flight-not-recorded",
    description:
      "Waits for every marker but records no token that arrives meanwhile: each channel state is empty.",
    expectScenario: "delayed_links",
    expectReason: SNAPSHOT_REASON,
    edits: [
      {
        file: "snapshot-node.ts",
        find: "        if (channel && channel.markerSequence === null)\n          channel.messages.push({ sequence: msg.sequence, amount: msg.amount });\n",
        replace: "",
      },
    ],
  },
  {
    // The starting node pays a peer right after StartSnapshot is answered (a few ms), well
    // within the 100 ms before its markers are queued: those tokens take numbers below the
    // marker though the recorded balance still holds them, and the recorded-balances and
    // conservation sums count them twice.
    name: "markers-sent-late",
    description:
      "Records its balance at once but queues its markers 100 ms later, after tokens it paid meanwhile.",
    expectScenario: "steady",
    expectReason: SNAPSHOT_REASON,
    edits: [
      {
        file: "snapshot-node.ts",
        find: '    for (const sender of this.senders.values()) sender.push("MARKER", 0, id);\n  }',
        replace:
          '    setTimeout(() => {\n      for (const sender of this.senders.values()) sender.push("MARKER", 0, id);\n    }, 100);\n  }',
      },
    ],
  },
  {
    // concurrent_snapshots starts snapshots at two or three nodes within a few ms (each start
    // follows its own prime payment, a call of a few ms) while every peer call takes 60 ms or
    // more: each starter Y has recorded its own snapshot B before the marker of another
    // starter X's snapshot A reaches it on X → Y, and B's marker on X → Y comes after A's (X
    // records B only once B's marker reached it). A's marker then ends Y's recording of
    // X → Y for B too, at A's number, which the traffic shows is not B's.
    name: "snapshots-mixed",
    description:
      "Ends the recording of a channel in every snapshot still recording it when any marker arrives on it, not only that marker's snapshot.",
    expectScenario: "concurrent_snapshots",
    expectReason: SNAPSHOT_REASON,
    edits: [
      {
        file: "snapshot-node.ts",
        find: "      const channel = this.recordings.get(msg.snapshot_id)?.channels.get(msg.from);\n      if (channel) channel.markerSequence = msg.sequence;",
        replace:
          "      for (const recording of this.recordings.values()) {\n        const channel = recording.channels.get(msg.from);\n        if (channel && channel.markerSequence === null) channel.markerSequence = msg.sequence;\n      }",
      },
    ],
  },
  {
    // The primed tokens are in a channel state of every snapshot on delayed links, so every
    // snapshot's recorded balance at the starting node is too high by at least their amount.
    name: "in-flight-counted-twice",
    description:
      "Adds each token it records in a channel state to its recorded balance as well: the tokens count in the state and in the channel.",
    expectScenario: "delayed_links",
    expectReason: SNAPSHOT_REASON,
    edits: [
      {
        file: "snapshot-node.ts",
        find: "          channel.messages.push({ sequence: msg.sequence, amount: msg.amount });\n",
        replace:
          "        {\n          channel.messages.push({ sequence: msg.sequence, amount: msg.amount });\n          recording.balance += msg.amount;\n        }\n",
      },
    ],
  },
  {
    // paused_node pauses a node for 2.5 s and starts a snapshot at another node 200 ms into
    // the pause, so that node's marker to the paused one is unanswered for over 2 s: three
    // attempts of 500 ms with 50 + 100 ms of backoff fail, the marker is dropped, and the next
    // number goes out before it was ever acknowledged (the channels check), and the snapshot
    // never completes at the paused node.
    name: "gives-up-after-three-tries",
    description:
      "Drops a message its peer did not acknowledge after three attempts and goes on with the next one.",
    expectScenario: "paused_node",
    expectReason: "^(channels|completion): ",
    edits: [
      {
        file: "channel-sender.ts",
        find: "      // Unanswered (the peer is slow, paused, or the link is): the same message again later.\n",
        replace:
          "      if (++this.failures >= 3) {\n        this.queue.shift();\n        this.failures = 0;\n      }\n",
      },
      {
        file: "channel-sender.ts",
        find: "  private busy = false;\n",
        replace: "  private busy = false;\n  private failures = 0;\n",
      },
    ],
  },
];
