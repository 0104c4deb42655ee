# A memory hog: touches 16 MiB more every step and reports how far it got, until killed.
from common import report, serve_in_background, wait_for_go

serve_in_background()
wait_for_go()
held = []
while True:
    held.append(bytearray(16 * 2**20))
    if len(held) % 8 == 0:
        report("held MiB", len(held) * 16)
