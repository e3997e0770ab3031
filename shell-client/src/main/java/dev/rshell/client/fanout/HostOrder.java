package dev.rshell.client.fanout;

import java.util.Comparator;

/**
 * The natural order of host names: runs of digits compare as numbers, other text as text, so
 * {@code web2} comes before {@code web10}, and {@code 10.0.0.9} before {@code 10.0.0.10}. Equal
 * numbers written differently order the shorter first ({@code web1} before {@code web01}), so
 * the order is total and agrees with {@code equals}.
 *
 * <p>Thread safety: stateless.
 */
public final class HostOrder implements Comparator<String> {

    /** The one instance. */
    public static final HostOrder NATURAL = new HostOrder();

    private HostOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ei = runEnd(a, i);
                int ej = runEnd(b, j);
                int c = compareNumbers(a.substring(i, ei), b.substring(j, ej));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Two runs of digits: by value, then the shorter (less padded) first. */
    static int compareNumbers(String x, String y) {
        String sx = stripZeros(x);
        String sy = stripZeros(y);
        if (sx.length() != sy.length()) {
            return Integer.compare(sx.length(), sy.length());
        }
        int c = sx.compareTo(sy);
        return c != 0 ? c : Integer.compare(x.length(), y.length());
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int runEnd(String s, int from) {
        int k = from;
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }
}
